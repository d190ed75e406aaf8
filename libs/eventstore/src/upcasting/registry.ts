import type { EventMetadata, RecordedEvent } from '../event-store';

/**
 * Turns the data of one event type written at `fromVersion` into the shape of `fromVersion + 1`.
 * Pure: gets a copy, answers the new data.
 */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: Record<string, unknown>, metadata: EventMetadata): Record<string, unknown>;
}

/**
 * Upcasters keyed by event type and schema version (ADR 0033). Readers of the store see every
 * event in the newest shape this build knows; writers stamp that version on what they append.
 */
export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[]) {
    for (const upcaster of upcasters) {
      const key = keyOf(upcaster.type, upcaster.fromVersion);
      if (this.byKey.has(key)) throw new Error(`two upcasters for ${upcaster.type} v${upcaster.fromVersion}`);
      this.byKey.set(key, upcaster);
    }
  }

  /** The schema version this build writes `type` at: one past its last upcaster (1 without any). */
  currentVersion(type: string): number {
    let version = 1;
    while (this.byKey.has(keyOf(type, version))) version++;
    return version;
  }

  /** The event in the current shape of its type; an event of a newer version is left as it is. */
  upcast<E extends RecordedEvent>(event: E): E {
    let version = versionOf(event.metadata);
    let upcaster = this.byKey.get(keyOf(event.type, version));
    if (!upcaster) return event;
    let data = copyOf(event.data);
    while (upcaster) {
      data = upcaster.upcast(data, event.metadata);
      version++;
      upcaster = this.byKey.get(keyOf(event.type, version));
    }
    return { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
  }
}

const keyOf = (type: string, version: number) => `${type}@${version}`;

/** Events written before versions were stamped count as version 1. */
export const versionOf = (metadata: Partial<EventMetadata>): number =>
  typeof metadata.schemaVersion === 'number' && metadata.schemaVersion >= 1 ? metadata.schemaVersion : 1;

const copyOf = (data: unknown): Record<string, unknown> =>
  data !== null && typeof data === 'object' ? structuredClone(data as Record<string, unknown>) : {};
