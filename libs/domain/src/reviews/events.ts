/** Events of call reviews (SPEC §6, [004]): an auditor (РКПП) scores a connected call against a checklist. */
import type { ReviewSheet } from './checklists';

export interface CallReviewed {
  type: 'CallReviewed';
  data: {
    reviewId: string;
    contactId: string;
    sheet: ReviewSheet;
    /** Checklist item code → 0–2, every item of the sheet. */
    scores: Record<string, number>;
    /** Percent of the highest possible (see overallScore). */
    score: number;
    comment?: string;
    /** Whose call it was: the contact's КПП or ПМ when it connected. */
    employee: { role: 'KPP' | 'PM'; employeeId: string };
    /** When the call connected (the first connected attempt). */
    connectedAt: string;
    reviewer: { role: string; employeeId: string };
  };
}

export type ReviewsEvent = CallReviewed;

export const REVIEWS_EVENT_TYPES: Record<ReviewsEvent['type'], true> = {
  CallReviewed: true,
};
