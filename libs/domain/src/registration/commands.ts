import type { ClientProfile, ContactCadence } from './events';

export interface RegisterClient extends ClientProfile {
  type: 'RegisterClient';
}

export interface AddServicePoint {
  type: 'AddServicePoint';
  servicePointId: string;
  name: string;
  contactCadence: ContactCadence;
}

/** ROS gives the client another КПП and/or ПМ. */
export interface AssignClient {
  type: 'AssignClient';
  kppId?: string;
  pmId?: string;
  comment?: string;
}

export type RegistrationCommand = RegisterClient | AddServicePoint | AssignClient;

export const REGISTRATION_COMMAND_TYPES: Record<RegistrationCommand['type'], true> = {
  RegisterClient: true,
  AddServicePoint: true,
  AssignClient: true,
};
