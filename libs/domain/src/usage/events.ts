/** A week of the client's use of the system and the РИЦ's services, imported from the CRM. */
export interface UsageObservation {
  weekStart: string;
  logins: number;
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
}

export interface UsageObserved {
  type: 'UsageObserved';
  data: UsageObservation;
}

export type UsageEvent = UsageObserved;

export const USAGE_EVENT_TYPES: Record<UsageEvent['type'], true> = { UsageObserved: true };
