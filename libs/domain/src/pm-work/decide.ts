import { refuse } from '../shared/domain-error';
import type { CommandContext } from '../shared/roles';
import type { DecidedEvent } from '../shared/decided-event';
import { assertNever } from '../shared/unions';
import type { RegisteredClient } from '../client/state';
import type { PmWorkCommand, RecordCompetitorDiagnostics, RecordDecisionMakerStep } from './commands';
import { halfYearOf } from './state';

export function decidePmWork(
  command: PmWorkCommand,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  switch (command.type) {
    case 'RecordDecisionMakerStep':
      return decisionMakerStep(command, client, context);
    case 'RecordCompetitorDiagnostics':
      return competitorDiagnostics(command, client, context);
    default:
      return assertNever(command);
  }
}

function decisionMakerStep(
  command: RecordDecisionMakerStep,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  const due = client.decisionMakerContact;
  if (!due)
    return refuse('no_decision_maker_contact_due', 'no decision-maker contact is due for this client now');
  if (command.step === 'call' && due.step === 'email') {
    refuse('decision_maker_email_first', 'the e-mail with top questions goes first, then the call');
  }
  if (command.step === 'email' && due.step === 'call') return []; // already sent
  const data = { month: due.month, ...(command.comment ? { comment: command.comment } : {}) };
  return [
    command.step === 'email'
      ? { type: 'DecisionMakerEmailSent', eventId: context.newEventId(), data }
      : { type: 'DecisionMakerCalled', eventId: context.newEventId(), data },
  ];
}

/** Diagnostics answer the half-year that is due, or count for the current one. */
function competitorDiagnostics(
  command: RecordCompetitorDiagnostics,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  const month = context.time.dateOf(context.now).slice(0, 7);
  return [
    {
      type: 'CompetitorDiagnosed',
      eventId: context.newEventId(),
      data: {
        halfYear: client.competitorDiagnosticsDue?.halfYear ?? halfYearOf(month),
        competitor: command.competitor,
        competitors: command.competitors,
        ...(command.comment ? { comment: command.comment } : {}),
      },
    },
  ];
}
