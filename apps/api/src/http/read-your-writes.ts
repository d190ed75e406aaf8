import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ProjectionRunner } from '@ledger/read-models';
import type { EventStore } from '@ledger/eventstore';
import { EVENT_STORE } from '@ledger/application';
import { NotYetProjected, ProjectionParked, invalidField } from './errors';

const EXPLICIT_WAIT_MS = 5000;
/** Without ?minPosition a GET still waits briefly for everything committed before it. */
const DEFAULT_WAIT_MS = 1000;
const POLL_MS = 10;

const NO_WAIT = 'ledger:no-read-your-writes';
/** GETs that report on the service itself (health, metrics): answer at once, even with the database down. */
export const NoReadYourWrites = () => SetMetadata(NO_WAIT, true);

/**
 * `?minPosition=p` on a GET answers only once every projection has processed position p (API.md);
 * without it, the GET waits (briefly, never failing) for what was committed before it arrived.
 * A parked projection will not get there by waiting: `?minPosition` answers 503 at once naming it,
 * a GET without it answers at once from the rows as they are.
 * A guard, not an interceptor (it only waits before the handler, after AuthGuard): with no
 * interceptor left, Nest calls a handler without an rxjs chain per request (ADR 0060, third round).
 */
@Injectable()
export class ReadYourWrites implements CanActivate {
  constructor(
    private readonly projector: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): true | Promise<true> {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.method !== 'GET') return true;
    if (this.reflector.getAllAndOverride<boolean>(NO_WAIT, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const raw = request.query.minPosition;
    if (raw !== undefined && (typeof raw !== 'string' || !/^\d{1,19}$/.test(raw))) {
      throw invalidField('minPosition', 'minPosition must be a global position (a decimal string)');
    }
    return this.waitFor(raw).then(() => true as const);
  }

  /** The last position every projection was seen to have processed (positions never un-process). */
  private lastProcessed: string | null = null;

  private async waitFor(minPosition: string | undefined): Promise<void> {
    const explicit = minPosition !== undefined;
    const position = explicit ? minPosition : await this.store.headPosition();
    if (position === null || position === '0' || position === this.lastProcessed) return;
    const deadline = Date.now() + (explicit ? EXPLICIT_WAIT_MS : DEFAULT_WAIT_MS);
    for (;;) {
      const progress = await this.projector.progressTowards(position);
      if (progress.reached) {
        this.lastProcessed = position;
        return;
      }
      if (progress.parked.length > 0) {
        if (explicit) throw new ProjectionParked(position, progress.parked);
        return;
      }
      if (Date.now() >= deadline) {
        if (explicit) throw new NotYetProjected(position);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
