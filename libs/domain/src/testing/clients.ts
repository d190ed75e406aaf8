import type { ClientEvent } from '../client/events';
import type { Actor } from '../shared/roles';

/** Who acts in the specifications. */
export const ACTORS = {
  ros: { id: 'ros-1', role: 'ROS' },
  kpp: { id: 'kpp-1', role: 'KPP' },
  otherKpp: { id: 'kpp-2', role: 'KPP' },
  pm: { id: 'pm-1', role: 'PM' },
  system: { id: 'scheduler', role: 'SYSTEM' },
} satisfies Record<string, Actor>;

/** The client most specifications start from: fee 10 000 ₽, category B, КПП kpp-1, ПМ pm-1. */
export const registered = (
  extra: Partial<Extract<ClientEvent, { type: 'ClientRegistered' }>['data']> = {},
): ClientEvent => ({
  type: 'ClientRegistered',
  data: {
    clientId: 'c-1',
    ric: '444',
    name: 'ООО «Ромашка»',
    monthlyFee: 10000,
    category: 'B',
    kppId: 'kpp-1',
    pmId: 'pm-1',
    contactCadence: 'weekly',
    billingDay: 1,
    ...extra,
  },
});

export const invoiced = (amount: number, invoiceId = 'inv-1', issuedOn = '2026-03-01'): ClientEvent => ({
  type: 'InvoiceIssued',
  data: { invoiceId, amount, issuedOn },
});

/** An open contact of the client's КПП. */
export const contactPlanned = (
  contactId: string,
  extra: Partial<Extract<ClientEvent, { type: 'ContactPlanned' }>['data']> = {},
): ClientEvent => ({
  type: 'ContactPlanned',
  data: {
    contactId,
    kind: 'planned',
    reason: 'info_occasion',
    plannedAt: '2026-03-02T06:00:00.000Z',
    assignee: { role: 'KPP', employeeId: 'kpp-1' },
    ...extra,
  },
});

/** A phone call on a contact that reached the person. */
export const callConnected = (
  contactId: string,
  extra: Partial<Extract<ClientEvent, { type: 'CallAttempted' }>['data']> = {},
): ClientEvent => ({
  type: 'CallAttempted',
  data: { contactId, outcome: 'connected', ...extra, channel: 'phone', direction: 'outgoing' },
});

/** A contact closed as an information occasion, with no stages or instruments. */
export const contactClosed = (contactId: string): ClientEvent => ({
  type: 'ContactClosed',
  data: {
    contactId,
    closingReason: 'info_occasion',
    stages: [],
    instrumentsUsed: [],
    instrumentsPlanned: [],
  },
});
