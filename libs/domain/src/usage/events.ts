/** Departments whose use of the portal is counted [001] trigger 1. */
export type PortalDepartment = 'accounting' | 'legal' | 'procurement';

/** The service-activity counts of [000] for one week. */
export interface ServiceActivity {
  documentOrders: number;
  onlineOrders: number;
  consultingLineRequests: number;
  selectionOrders: number;
  trainedUsers: number;
  onlineDialogRequests: number;
  personalAccountRegistered: boolean;
  techSupportRequests: number;
}

/** A week of the client's use of the system and the РИЦ's services, imported from the CRM. */
export interface UsageObservation {
  weekStart: string;
  /** Absent: unknown (a quarter of clients in [000] have no login data) — never read as zero. */
  logins?: number;
  portalRequests: number;
  portalLowestRating?: number;
  hotlineRequests: number;
  /** Share of the key users trained, 0–1. */
  trainedShare: number;
  webinars: number;
  newsletterClicks: number;
  videoClicks: number;
  updatesInstalled: boolean;
  renewalPeriodStarted: boolean;
  unreturnedActs: number;
  competitor: 'yes' | 'no' | 'unknown';
  /** Departments that used the portal this week. */
  portalDepartments?: PortalDepartment[];
  departmentsTrainedBelowHalf?: number;
  seminarCertificates?: number;
  serviceActivity?: ServiceActivity;
}

export interface UsageObserved {
  type: 'UsageObserved';
  data: UsageObservation;
}

export type UsageEvent = UsageObserved;

export const USAGE_EVENT_TYPES: Record<UsageEvent['type'], true> = { UsageObserved: true };
