import { onRemoteService } from '@ledger/workflows/testing';

const MSK = (local: string) => new Date(`${local}+03:00`).toISOString();
const KPP = { id: 'kpp-1', role: 'KPP' } as const;

describe('engagement: a month counts as engaged by the stage a closing reason names', () => {
  it.each([
    ['new_features', false], // «Этап 4 — Вывод новшеств»
    ['stage_4', false],
    ['stage_5', false],
    ['stage_3', true],
    ['changed_circumstances', true],
  ])('a March contact closed as %s: April begins with engagement overdue: %s', (closingReason, overdue) => {
    const sim = onRemoteService(MSK('2026-03-02T10:00:00'));
    sim.at(MSK('2026-03-02T10:30:00'));
    sim.run(
      {
        type: 'RecordCallAttempt',
        contactId: 'planned.2026-03-02',
        outcome: 'connected',
        occurredAt: MSK('2026-03-02T10:20:00'),
        durationSec: 300,
      },
      KPP,
    );
    sim.run(
      {
        type: 'CloseContact',
        contactId: 'planned.2026-03-02',
        closingReason,
        stages: [],
        instrumentsUsed: [],
      },
      KPP,
    );
    const april = sim.at(MSK('2026-04-01T00:00:00'));
    expect(sim.types(april).includes('EngagementOverdue')).toBe(overdue);
  });
});
