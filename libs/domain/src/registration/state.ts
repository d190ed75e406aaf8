import type { ClientProfile, ContactCadence } from './events';

export interface Responsible {
  role: 'KPP' | 'PM';
  employeeId: string;
}

export interface ServicePoint {
  servicePointId: string;
  name: string;
  contactCadence: ContactCadence;
}

/** Who the client is, who serves it and who answers for it now. */
export interface RegistrationPart extends ClientProfile {
  ric: string;
  registeredAt: string;
  /** The КПП, or the ПМ while the client is with them as a threat. */
  responsible: Responsible;
  /** Service points besides the client's main one (whose cadence is `contactCadence`). */
  servicePoints: Record<string, ServicePoint>;
}
