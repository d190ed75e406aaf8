import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '@ledger/eventstore';

type Actor = { id: string; role: string };

/**
 * A client's history written straight to the event store, for report tests whose expected figures
 * are worked out by hand: every event at a chosen instant by a chosen actor, nothing the workflows
 * would add on their own.
 */
export class ClientHistory {
  private readonly events: NewEvent[] = [];

  constructor(
    readonly ric: string,
    readonly clientId: string,
  ) {}

  add(
    type: string,
    data: Record<string, unknown>,
    occurredAt: string,
    actor: Actor = { id: 'ros-1', role: 'ROS' },
  ): this {
    const eventId = randomUUID();
    this.events.push({
      type,
      data,
      metadata: {
        eventId,
        ric: this.ric,
        actor: actor as NewEvent['metadata']['actor'],
        occurredAt: new Date(occurredAt).toISOString(),
        recordedAt: new Date(occurredAt).toISOString(),
        correlationId: eventId,
        causationId: eventId,
        schemaVersion: 1,
      },
    });
    return this;
  }

  /** ClientRegistered and the transfer's last step: a client on remote service. */
  register(at: string, profile: Record<string, unknown> = {}): this {
    this.add(
      'ClientRegistered',
      {
        clientId: this.clientId,
        ric: this.ric,
        name: `Клиент ${this.clientId}`,
        monthlyFee: 10000,
        category: 'B',
        kppId: 'kpp-1',
        pmId: 'pm-1',
        contactCadence: 'weekly',
        billingDay: 1,
        ...profile,
      },
      at,
    );
    return this;
  }

  async save(store: EventStore): Promise<void> {
    await store.append(`client-${this.ric}-${this.clientId}`, this.events.splice(0), {
      expectedVersion: 'any',
    });
  }
}

/** A week of usage facts with nothing used; `extra` says what was. */
export const usageWeek = (weekStart: string, extra: Record<string, unknown> = {}) => ({
  weekStart,
  logins: 0,
  portalRequests: 0,
  hotlineRequests: 0,
  trainedShare: 0.5,
  webinars: 0,
  newsletterClicks: 0,
  videoClicks: 0,
  updatesInstalled: true,
  renewalPeriodStarted: false,
  unreturnedActs: 0,
  competitor: 'no',
  ...extra,
});
