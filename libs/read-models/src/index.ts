export * from './entities/projection-checkpoint.entity';
export * from './entities/client-record.entity';
export * from './entities/deadline.entity';
export * from './entities/work-item.entity';
export * from './entities/audit-call.entity';
export * from './entities/call-review.entity';
export * from './projections/reviews.projection';
export * from './entities/report-records.entity';
export * from './projections/reports';
export * from './projections/deadlines.projection';
export * from './scheduler';
export * from './projections/projection';
export * from './projections/clients.projection';
export * from './projections/client-search';
export * from './projection-runner';
export * from './data-source';
export * from './analytics/analytics-views';
import { clientsProjection, clientsProjectionWith } from './projections/clients.projection';
import type { NecessitySettings } from '@ledger/domain';
import { deadlinesProjection } from './projections/deadlines.projection';
import { reviewsProjection } from './projections/reviews.projection';
import type { Projection } from './projections/projection';
import {
  DEFAULT_REPORT_PROJECTION_SETTINGS,
  ReportProjectionSettings,
  reportsProjection,
  reportsProjectionWith,
} from './projections/reports';

/** Every projection the projector runs, in order. */
export const defaultProjections: readonly Projection[] = [
  clientsProjection,
  deadlinesProjection,
  reviewsProjection,
  reportsProjection,
];

/** The projections with a РИЦ's configured settings. */
export const projectionsWith = (
  necessity: NecessitySettings,
  reports: Partial<ReportProjectionSettings> = {},
): readonly Projection[] => [
  clientsProjectionWith(necessity),
  deadlinesProjection,
  reviewsProjection,
  reportsProjectionWith({ ...DEFAULT_REPORT_PROJECTION_SETTINGS, necessity, ...reports }),
];
export * from './projection-failures';
export * from './projection-rebuild';
export * from './projections/known-events';
export * from './projection-parking';
