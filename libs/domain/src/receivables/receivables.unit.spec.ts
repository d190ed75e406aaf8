import { decide } from '../client/decide';
import { ACTORS, invoiced, registered, specification } from '@ledger/domain/testing';
import { debtMonths, debtOverOneMonth, isPmDebt, projectedDebt, threatLifted } from './receivables';

const kopecks = (roubles: number) => Math.round(roubles * 100);
const debt = (unpaid: number, fee = 10000) => ({ unpaid: kopecks(unpaid), monthlyFee: kopecks(fee) });

describe('receivables: the 2.8-month boundary is exact [001] «меньше (но не равна) 2,8 мес»', () => {
  it.each([
    [27960, 2.8, false], // 2.796 months: shown 2.80, yet below 2.8 — the КПП's
    [27999.99, 2.8, false], // one kopeck short
    [28000, 2.8, true], // exactly 2.8: the ПМ's
    [28000.01, 2.8, true],
  ])('%d ₽ unpaid at a 10 000 ₽ fee shows %d months; the ПМ’s: %s', (unpaid, shown, pm) => {
    expect(debtMonths(kopecks(unpaid), kopecks(10000))).toBe(shown);
    expect(isPmDebt(debt(unpaid))).toBe(pm);
  });

  it('never hands over a client without a fee', () => {
    expect(isPmDebt(debt(1_000_000, 0))).toBe(false);
  });

  it('lifts the threat only below the exact boundary, after two months paid on time', () => {
    expect(threatLifted(debt(27999.99), 2)).toBe(true);
    expect(threatLifted(debt(28000), 2)).toBe(false);
    expect(threatLifted(debt(0), 1)).toBe(false);
  });

  it('projects the debt to the agreed day with the invoices the billing day brings', () => {
    // 10 March: 18 000 unpaid; the 1 April invoice falls before a 5 April agreed day
    expect(projectedDebt(debt(18000), 1, '2026-03-10', '2026-04-05')).toEqual(debt(28000));
    expect(projectedDebt(debt(18000), 1, '2026-03-10', '2026-03-31')).toEqual(debt(18000));
  });

  it('counts a debt over one month including the current one', () => {
    expect(debtOverOneMonth(debt(10000))).toBe(false);
    expect(debtOverOneMonth(debt(10000.01))).toBe(true);
    expect(debtOverOneMonth(debt(15000), 2)).toBe(false);
  });
});

describe('receivables decider', () => {
  const given = specification(decide);

  it('records a promise with the projected debt it is judged by', () => {
    given(registered(), invoiced(17960))
      .when(
        { type: 'RecordPaymentPromise', promiseId: 'p1', promisedOn: '2026-04-05', remind: false },
        {
          actor: ACTORS.kpp,
          at: '2026-03-10T09:00:00Z',
        },
      )
      .then([
        {
          type: 'PaymentPromiseRecorded',
          data: {
            promiseId: 'p1',
            promisedOn: '2026-04-05',
            target: 17960,
            remind: false,
            projectedDebtMonths: 2.8, // 27 960 ₽ shown rounded …
            projectedDebt: 27960, // … and compared exactly
          },
        },
      ]);
  });

  it('refuses a promise from a КПП who does not answer for the client', () => {
    given(registered(), invoiced(10000))
      .when(
        { type: 'RecordPaymentPromise', promiseId: 'p1', promisedOn: '2026-03-20', remind: false },
        { actor: ACTORS.otherKpp },
      )
      .thenRefused('not_responsible', 'forbidden');
  });

  it('refuses a payment dated after today', () => {
    given(registered())
      .when(
        { type: 'RecordPayment', paymentId: 'pay-1', amount: 100, paidOn: '2026-03-03' },
        { actor: ACTORS.ros },
      )
      .thenRefused('value_date_in_future');
  });
});
