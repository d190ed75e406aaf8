import type { ReviewSheet } from './checklists';

/** Review a connected call against the checklist of its kind of work (РКПП, ADMIN). */
export interface ReviewCall {
  type: 'ReviewCall';
  reviewId: string;
  contactId: string;
  sheet: ReviewSheet;
  scores: Record<string, number>;
  comment?: string;
}

export type ReviewsCommand = ReviewCall;

export const REVIEWS_COMMAND_TYPES: Record<ReviewsCommand['type'], true> = {
  ReviewCall: true,
};
