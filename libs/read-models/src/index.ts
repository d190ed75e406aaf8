export * from './entities/projection-checkpoint.entity';
export * from './entities/client-record.entity';
export * from './entities/deadline.entity';
export * from './entities/work-item.entity';
export * from './projections/deadlines.projection';
export * from './scheduler';
export * from './projections/projection';
export * from './projections/clients.projection';
export * from './projection-runner';
export * from './data-source';
import { clientsProjection } from './projections/clients.projection';
import { deadlinesProjection } from './projections/deadlines.projection';
import type { Projection } from './projections/projection';

/** Every projection the projector runs, in order. */
export const defaultProjections: readonly Projection[] = [clientsProjection, deadlinesProjection];
export * from './projection-failures';
export * from './projection-rebuild';
export * from './projections/known-events';
export * from './projection-parking';
