/** Examples of the client reads for the OpenAPI document (shapes as the service answers them). */

export const CLIENT_LIST_EXAMPLE = {
  items: [
    {
      clientId: 'c-1',
      name: 'ООО Ромашка',
      inn: '7701234567',
      category: 'A',
      kppId: 'kpp-1',
      pmId: 'pm-1',
      responsible: { role: 'KPP', employeeId: 'kpp-1' },
      lifecycle: 'active',
      debtMonths: 1.5,
      contactNecessity: 0.3,
    },
  ],
  nextCursor: 'eyJzb3J0IjoiY2xpZW50SWQiLCJrZXkiOlsiYy0xIl19',
};

export const CLIENT_CARD_EXAMPLE = {
  clientId: 'c-1',
  ric: '444',
  name: 'ООО Ромашка',
  lifecycle: 'active',
  responsible: { role: 'KPP', employeeId: 'kpp-1' },
  debtMonths: 1.5,
  unpaid: 15000,
  brokenPromisesInRow: 0,
  onTimeMonthsInRow: 0,
  openPromise: {
    promiseId: 'p-1',
    promisedOn: '2026-03-20',
    remind: true,
    remindOn: '2026-03-19',
    target: 15000,
    paidInTime: 0,
    deadlines: { reminderAt: '2026-03-19T06:00:00.000Z', breaksAt: '2026-03-20T21:00:00.000Z' },
  },
  openThreats: [],
  contactPersons: [
    {
      contactPersonId: 'cp-1',
      name: 'Иванова Анна',
      roles: ['payer'],
      phones: ['+7 900 000-00-01'],
      emails: [],
    },
  ],
  servicePoints: [{ servicePointId: 'main', contactCadence: 'weekly' }],
  openContacts: [
    {
      contactId: 'planned.2026-03-02',
      kind: 'planned',
      reason: 'info_occasion',
      plannedAt: '2026-03-02T06:00:00.000Z',
      servicePointId: 'main',
      assignee: { role: 'KPP', employeeId: 'kpp-1' },
      instrumentsPlanned: [],
      attempts: 1,
      lastOutcome: 'callback_requested',
      callbackAt: '2026-03-02T06:30:00.000Z',
    },
  ],
  contactNecessity: {
    indicator: 0.3,
    signs: {
      renewalPeriod: false,
      debt: true,
      unreturnedActs: false,
      noSystemUse: false,
      noUpdates: false,
      hotlinePortalUnused: false,
      trainingNotMet: false,
    },
  },
  latestUsageWeek: null,
};

export const HANDOVER_SHEET_EXAMPLE = {
  clientId: 'c-1',
  threatId: 'evt-…',
  reason: 'broken_promises_twice',
  handedOverAt: '2026-03-24T21:00:00.000Z',
  fromKppId: 'kpp-1',
  toPmId: 'pm-1',
  threatOpen: true,
  debtMonths: 2,
  unpaid: 20000,
  monthlyFee: 10000,
  brokenPromisesInRow: 2,
  invoices: [{ invoiceId: 'inv-1', amount: 10000, issuedOn: '2026-02-01' }],
  payments: [],
  promises: [{ promiseId: 'p-1', promisedOn: '2026-03-10', target: 10000, status: 'broken' }],
  contactPersons: [],
  kppComment: 'обещают после проверки',
};
