/** Events of a client's registration and assignment. */
export type ClientCategory = 'A' | 'B' | 'C';
export type ContactCadence = 'weekly' | 'twice_weekly' | 'biweekly' | 'monthly';

/** What a client is registered with. */
export interface ClientProfile {
  clientId: string;
  name: string;
  inn?: string;
  monthlyFee: number;
  category: ClientCategory;
  /** КПП who calls the client's users. */
  kppId: string;
  /** Personal manager (ПМ) who takes the client over as a threat. */
  pmId: string;
  contactCadence: ContactCadence;
  /** Day of the month invoices are issued (1–28). */
  billingDay: number;
}

export interface ClientRegistered {
  type: 'ClientRegistered';
  data: ClientProfile & { ric: string };
}

/** A further service point (ТО) of the client, with its own contact cadence; `main` is the client's own. */
export interface ServicePointAdded {
  type: 'ServicePointAdded';
  data: { servicePointId: string; name: string; contactCadence: ContactCadence };
}

/** The client's КПП and/or ПМ is someone else now; their open work moves with the client. */
export interface ClientAssigned {
  type: 'ClientAssigned';
  data: {
    kppId: string;
    pmId: string;
    previousKppId: string;
    previousPmId: string;
    comment?: string;
  };
}

export type RegistrationEvent = ClientRegistered | ServicePointAdded | ClientAssigned;

export const REGISTRATION_EVENT_TYPES: Record<RegistrationEvent['type'], true> = {
  ClientRegistered: true,
  ServicePointAdded: true,
  ClientAssigned: true,
};
