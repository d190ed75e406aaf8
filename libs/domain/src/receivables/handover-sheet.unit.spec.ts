import { ClientEvent, FoldableEvent, handoverSheetOf } from '..';
import { invoiced, registered } from '../testing';

const history = (...events: ClientEvent[]): FoldableEvent[] =>
  events.map((e, i) => ({
    ...e,
    metadata: { occurredAt: new Date(Date.UTC(2026, 2, 10, 6, i)).toISOString(), eventId: `e${i + 1}` },
  }));

const paid = (paymentId: string, amount: number, paidOn: string): ClientEvent => ({
  type: 'PaymentReceived',
  data: { paymentId, amount, paidOn },
});

/** Лист передачи: 28 000 ₽ invoiced, 3 000 ₽ paid → 25 000 ₽ unpaid, 2.5 months at 10 000 ₽. */
const handedOver: ClientEvent[] = [
  registered(),
  {
    type: 'ContactPersonAdded',
    data: {
      contactPersonId: 'cp-1',
      name: 'Иванова Анна',
      roles: ['payer'],
      phones: ['+7 900 1'],
      emails: [],
      interests: [],
    },
  },
  invoiced(10000, 'inv-1', '2026-01-01'),
  invoiced(18000, 'inv-2', '2026-02-01'),
  paid('pay-1', 3000, '2026-02-15'),
  { type: 'ThreatRaised', data: { threatId: 't-1', threatType: 'manual', comment: 'не отвечают' } },
  {
    type: 'HandedOverToPM',
    data: {
      threatId: 't-1',
      reason: 'manual',
      fromKppId: 'kpp-1',
      toPmId: 'pm-1',
      sheet: {
        unpaid: 25000,
        debtMonths: 2.5,
        monthlyFee: 10000,
        promises: [{ promiseId: 'p-1', promisedOn: '2026-02-20', target: 18000, status: 'broken' }],
        brokenPromisesInRow: 1,
        contacts: [
          {
            contactPersonId: 'cp-1',
            name: 'Иванова Анна',
            roles: ['payer'],
            phones: ['+7 900 1'],
            emails: [],
          },
        ],
        kppComment: 'не отвечают',
      },
    },
  },
];

describe('the handover sheet as the ПМ reads it', () => {
  it('answers every field: the sheet, invoices and payments known at the handover, persons now', () => {
    const events = history(
      ...handedOver,
      // after the handover: neither shows on the sheet, but the person's new phone does
      invoiced(10000, 'inv-3', '2026-03-01'),
      paid('pay-2', 1000, '2026-03-11'),
      { type: 'ContactPersonChanged', data: { contactPersonId: 'cp-1', phones: ['+7 900 2'] } },
    );
    expect(handoverSheetOf(events, 't-1')).toEqual({
      clientId: 'c-1',
      threatId: 't-1',
      reason: 'manual',
      handedOverAt: '2026-03-10T06:06:00.000Z',
      fromKppId: 'kpp-1',
      toPmId: 'pm-1',
      threatOpen: true,
      debtMonths: 2.5,
      unpaid: 25000,
      monthlyFee: 10000,
      brokenPromisesInRow: 1,
      invoices: [
        { invoiceId: 'inv-1', amount: 10000, issuedOn: '2026-01-01' },
        { invoiceId: 'inv-2', amount: 18000, issuedOn: '2026-02-01' },
      ],
      payments: [{ paymentId: 'pay-1', amount: 3000, paidOn: '2026-02-15' }],
      promises: [{ promiseId: 'p-1', promisedOn: '2026-02-20', target: 18000, status: 'broken' }],
      contactPersons: [
        { contactPersonId: 'cp-1', name: 'Иванова Анна', roles: ['payer'], phones: ['+7 900 2'], emails: [] },
      ],
      kppComment: 'не отвечают',
    });
  });

  it('says when the threat is over', () => {
    const events = history(...handedOver, {
      type: 'ThreatResolved',
      data: { threatId: 't-1', resolution: 'threat_lifted' },
    });
    expect(handoverSheetOf(events, 't-1')?.threatOpen).toBe(false);
  });

  it('answers null for a threat the stream never handed over', () => {
    expect(handoverSheetOf(history(...handedOver), 't-unknown')).toBeNull();
    expect(handoverSheetOf(history(registered()), 't-1')).toBeNull();
  });
});
