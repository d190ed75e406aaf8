import type { RegisteredClient } from '../client/state';
import { assertNever } from '../shared/unions';
import type { ReviewsEvent } from './events';

export function evolveReviews(state: RegisteredClient, event: ReviewsEvent): void {
  switch (event.type) {
    case 'CallReviewed':
      state.reviews = {
        ...state.reviews,
        [event.data.reviewId]: {
          reviewId: event.data.reviewId,
          contactId: event.data.contactId,
          sheet: event.data.sheet,
          score: event.data.score,
          reviewerId: event.data.reviewer.employeeId,
        },
      };
      return;
    default:
      return assertNever(event.type);
  }
}
