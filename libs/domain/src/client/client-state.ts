import { ClientCategory, ContactCadence } from './client-events';

/** Client lifecycle (SPEC §3.1). */
export type Lifecycle =
  'candidate' | 'transferring' | 'active' | 'escalated' | 'left' | 'returned_to_field_service';

export interface Responsible {
  role: 'KPP' | 'PM';
  employeeId: string;
}

export interface RegisteredClient {
  status: 'registered';
  clientId: string;
  ric: string;
  name: string;
  inn?: string;
  monthlyFee: number;
  category: ClientCategory;
  kppId: string;
  pmId: string;
  contactCadence: ContactCadence;
  billingDay: number;
  lifecycle: Lifecycle;
  responsible: Responsible;
  registeredAt: string;
}

export type ClientState = { status: 'unregistered' } | RegisteredClient;

export const initialClientState: ClientState = { status: 'unregistered' };
