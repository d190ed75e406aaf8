import { ClientCategory, ContactCadence } from './client-events';

export interface RegisterClient {
  type: 'RegisterClient';
  clientId: string;
  name: string;
  inn?: string;
  monthlyFee: number;
  category: ClientCategory;
  kppId: string;
  pmId: string;
  contactCadence: ContactCadence;
  billingDay: number;
}

export type ClientCommand = RegisterClient;
