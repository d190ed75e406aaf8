import { workItemsOf } from '@ledger/domain';
import { KPP, MSK, PM, activeClient, ruleOf } from '@ledger/workflows/testing';

describe('the ПМ’s decision-maker contact and competitor diagnostics', () => {
  it('asks monthly for the e-mail, then the call, and twice a year for competitor diagnostics', () => {
    const sim = activeClient();
    sim.at(MSK('2026-03-02T10:00:00'));
    expect(
      workItemsOf(sim.state)
        .filter((i) => i.assignee.role === 'PM')
        .map((i) => i.kind)
        .sort(),
    ).toEqual(['competitor_diagnostics', 'decision_maker_email']);
    expect(ruleOf(() => sim.run({ type: 'RecordDecisionMakerStep', step: 'call' }, PM))).toBe(
      'decision_maker_email_first',
    );
    expect(
      ruleOf(() => sim.run({ type: 'RecordDecisionMakerStep', step: 'email' }, { id: 'pm-9', role: 'PM' })),
    ).toBe('not_personal_manager');
    sim.run({ type: 'RecordDecisionMakerStep', step: 'email', comment: 'топ-вопросы по НДС' }, PM);
    expect(workItemsOf(sim.state).map((i) => i.kind)).toContain('decision_maker_call');
    sim.run({ type: 'RecordDecisionMakerStep', step: 'call' }, PM);
    sim.run({ type: 'RecordCompetitorDiagnostics', competitor: 'yes', competitors: ['Гарант'] }, PM);
    expect(workItemsOf(sim.state).filter((i) => i.assignee.role === 'PM')).toEqual([]);
    // April brings the next decision-maker contact; July the next diagnostics
    sim.at(MSK('2026-04-01T00:00:00'));
    expect(
      workItemsOf(sim.state)
        .filter((i) => i.assignee.role === 'PM')
        .map((i) => i.kind),
    ).toEqual(['decision_maker_email']);
    sim.at(MSK('2026-07-01T00:00:00'));
    expect(workItemsOf(sim.state).find((i) => i.kind === 'competitor_diagnostics')).toMatchObject({
      details: { halfYear: '2026-H2', segment: 'small_medium' },
    });
  });
});

describe('contact persons and the key user', () => {
  const person = (
    contactPersonId: string,
    roles: Array<'decision_maker' | 'influencer' | 'key_user' | 'payer'>,
  ) => ({
    type: 'AddContactPerson' as const,
    contactPersonId,
    name: `Person ${contactPersonId}`,
    roles,
    phones: ['+7 978 000-00-00'],
    emails: [`${contactPersonId}@example.ru`],
    interests: ['бухгалтерия'],
  });

  it('raises a threat signal for the ПМ when the key user changes, not when the first one is named', () => {
    const sim = activeClient();
    expect(sim.types(sim.run(person('ivanova', ['key_user', 'payer']), KPP))).toEqual(['ContactPersonAdded']);
    expect(sim.types(sim.run(person('petrov', ['decision_maker']), KPP))).toEqual(['ContactPersonAdded']);
    const changed = sim.run(person('sidorova', ['key_user']), KPP);
    expect(sim.types(changed)).toEqual(['ContactPersonAdded', 'KeyUserChanged']);
    const moved = sim.run({ type: 'ChangeContactPerson', contactPersonId: 'ivanova', roles: ['payer'] }, KPP);
    expect(sim.types(moved)).toEqual(['ContactPersonChanged', 'KeyUserChanged']);
    expect(moved[1]).toMatchObject({
      data: { previousContactPersonIds: ['ivanova', 'sidorova'], contactPersonIds: ['sidorova'] },
      rule: 'contacts.key_user_changed',
      evidence: [moved[0]!.eventId],
    });
    const items = workItemsOf(sim.state);
    expect(items).toEqual([
      expect.objectContaining({ kind: 'key_user_changed', assignee: { role: 'PM', employeeId: 'pm-1' } }),
    ]);
  });

  it('puts the contact persons on the handover sheet', () => {
    const sim = activeClient();
    sim.run(person('ivanova', ['key_user']), KPP);
    const [, handover] = sim.run({ type: 'HandOverToPM', comment: 'клиент недоволен' }, KPP);
    expect(handover!.data).toMatchObject({
      sheet: {
        contacts: [
          {
            contactPersonId: 'ivanova',
            name: 'Person ivanova',
            roles: ['key_user'],
            phones: ['+7 978 000-00-00'],
          },
        ],
        kppComment: 'клиент недоволен',
      },
    });
  });
});
