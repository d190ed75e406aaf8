/** The facts an evolve step may need besides the event itself. */
export interface EventFacts {
  occurredAt: string;
  eventId: string;
}
