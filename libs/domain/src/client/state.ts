import type { ReceivablesPart } from '../receivables/state';
import type { RegistrationPart } from '../registration/state';
import type { LifecyclePart } from '../lifecycle/state';
import type { ContactsPart } from '../contacts/state';
import type { ContactPersonsPart } from '../contact-persons/state';
import type { PmWorkPart } from '../pm-work/state';
import type { UsagePart } from '../usage/state';
import type { DeadlinesPart } from '../deadlines/state';
import type { ReviewsPart } from '../reviews/state';

export type { Lifecycle, TransferProgress } from '../lifecycle/state';
export type { Responsible, ServicePoint } from '../registration/state';
export type { PromiseRecord, ThreatRecord, Receivables } from '../receivables/state';
export type { OpenContact } from '../contacts/state';
export type { PendingDeadline } from '../deadlines/state';
export { openPromiseOf } from '../receivables/state';

/**
 * The one state of a client, folded from its one stream: each capability owns its part and the
 * `evolve` that changes it (see client/evolve.ts).
 */
export interface RegisteredClient
  extends
    RegistrationPart,
    LifecyclePart,
    ReceivablesPart,
    ContactsPart,
    ContactPersonsPart,
    PmWorkPart,
    UsagePart,
    DeadlinesPart,
    ReviewsPart {
  status: 'registered';
}

export type ClientState = { status: 'unregistered' } | RegisteredClient;

export const initialClientState: ClientState = { status: 'unregistered' };
