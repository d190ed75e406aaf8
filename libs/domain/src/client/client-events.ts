/** Events of one client's stream `client-<ric>-<clientId>` (SPEC §2). */

export type ClientCategory = 'A' | 'B' | 'C';
export type ContactCadence = 'weekly' | 'twice_weekly' | 'biweekly' | 'monthly';

export interface ClientRegistered {
  type: 'ClientRegistered';
  data: {
    clientId: string;
    ric: string;
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
  };
}

export type ClientEvent = ClientRegistered;
export type ClientEventType = ClientEvent['type'];

/** An event as the decider emits it; the application adds ids, actor and times. */
export type DecidedEvent = ClientEvent & {
  /** Business time, when not the command's `now` (a call logged after the fact). */
  occurredAt?: string;
  /** For automatic events: the rule that fired and the ids of the events that made it fire. */
  rule?: string;
  evidence?: string[];
};
