/** The service clock. Deciders never read it: handlers pass `now` into every command. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('Clock');

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** `CLOCK=manual`: stands still until moved forward (POST /admin/clock). */
export class ManualClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current.getTime());
  }

  /** Moves forward; refuses to go back, since recorded times must not decrease. */
  moveTo(instant: Date): void {
    if (instant.getTime() < this.current.getTime()) {
      throw new RangeError(
        `the clock cannot go back from ${this.current.toISOString()} to ${instant.toISOString()}`,
      );
    }
    this.current = new Date(instant.getTime());
  }
}

/** Nest injection token of the EventStore port. */
export const EVENT_STORE = Symbol('EventStore');
