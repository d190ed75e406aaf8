import { refuse } from '../shared/domain-error';
import type { CommandContext } from '../shared/roles';
import type { DecidedEvent } from '../shared/decided-event';
import { pathSafeId } from '../shared/ids';
import { assertNever } from '../shared/unions';
import type { RegisteredClient } from '../client/state';
import type { ReviewCall, ReviewsCommand } from './commands';
import { CHECKLISTS, MAX_ITEM_SCORE, overallScore } from './checklists';

export function decideReviews(
  command: ReviewsCommand,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  switch (command.type) {
    case 'ReviewCall':
      return reviewCall(command, client, context);
    default:
      return assertNever(command.type);
  }
}

/**
 * A review scores every item of the sheet 0–2 (the HTTP layer answers 400 for unknown codes first;
 * this is the rule itself). Only a call that connected can be listened to.
 */
function reviewCall(command: ReviewCall, client: RegisteredClient, context: CommandContext): DecidedEvent[] {
  const checklist = CHECKLISTS[command.sheet];
  if (!checklist) return refuse('unknown_sheet', `unknown checklist sheet ${command.sheet}`);
  const codes = checklist.items.map((i) => i.code);
  const unknown = Object.keys(command.scores).filter((code) => !codes.includes(code));
  const missing = codes.filter((code) => !(code in command.scores));
  if (unknown.length || missing.length)
    refuse(
      'scores_do_not_match_sheet',
      `scores must name every item of ${command.sheet} and no other (unknown: ${unknown.join(', ') || '—'}; missing: ${missing.join(', ') || '—'})`,
    );
  const bad = codes.filter((code) => {
    const score = command.scores[code]!;
    return !Number.isInteger(score) || score < 0 || score > MAX_ITEM_SCORE;
  });
  if (bad.length) refuse('score_out_of_range', `scores are 0–${MAX_ITEM_SCORE}: ${bad.join(', ')}`);
  const contactId = pathSafeId(command.contactId);
  const call = client.connectedCalls?.[contactId];
  // a contact never connected (open, closed or missed) has no call to listen to
  if (!call)
    return refuse(
      'contact_not_connected',
      `contact ${contactId} of this client had no connected attempt: there is no call to review`,
    );
  const scores = Object.fromEntries(codes.map((code) => [code, command.scores[code]!]));
  return [
    {
      type: 'CallReviewed',
      eventId: context.newEventId(),
      data: {
        reviewId: command.reviewId,
        contactId,
        sheet: command.sheet,
        scores,
        score: overallScore(scores),
        ...(command.comment ? { comment: command.comment } : {}),
        employee: call.employee,
        connectedAt: call.connectedAt,
        reviewer: { role: context.actor.role, employeeId: context.actor.id },
      },
    },
  ];
}
