import { BACKWARDS, END, FORWARDS, KurrentDBClient, StreamNotFoundError } from '@kurrent/kurrentdb-client';
import type { AppendResult } from '../event-store';
import { MarkerEvent, Reservation, firstRevisionOf } from './idempotency-markers';
import { AllPosition, revisionToVersion } from './mapping';

/** Reads the idempotency key's markers and the events a reservation wrote (ADR 0028). */

export interface KurrentRecorded {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  created?: Date;
  position?: AllPosition;
}

/** Where a reservation's stream version is unknown (`any`), how far back its events are looked for. */
const SCAN_BACK = 500;

/** The last marker of a key's stream, or null when it has none. */
export async function lastMarker(client: KurrentDBClient, marker: string): Promise<MarkerEvent | null> {
  try {
    for await (const resolved of client.readStream(marker, {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    })) {
      const event = resolved.event as KurrentRecorded | undefined;
      if (!event) continue;
      return {
        type: event.type,
        revision: event.revision,
        created: event.created ?? new Date(0),
        data: event.data,
      } as MarkerEvent;
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return null;
    throw error;
  }
  return null;
}

/** The answer of a reservation's events if they are in their stream, else null. */
export async function locate(
  client: KurrentDBClient,
  reservation: Reservation,
): Promise<AppendResult | null> {
  const first = firstRevisionOf(reservation);
  const firstId = reservation.eventIds[0];
  const count = reservation.eventIds.length;
  try {
    const found: KurrentRecorded[] = [];
    for await (const resolved of client.readStream(reservation.streamId, {
      direction: first === null ? BACKWARDS : FORWARDS,
      fromRevision: first ?? END,
      maxCount: first === null ? SCAN_BACK : count,
    })) {
      if (resolved.event) found.push(resolved.event as KurrentRecorded);
    }
    const ordered = first === null ? found.reverse() : found;
    const at = ordered.findIndex((e) => e.id === firstId);
    if (at < 0) return null;
    const last = ordered[Math.min(ordered.length - 1, at + count - 1)]!;
    return {
      streamVersion: revisionToVersion(last.revision),
      position: String(last.position?.commit ?? 0n),
    };
  } catch (error) {
    if (error instanceof StreamNotFoundError) return null;
    throw error;
  }
}
