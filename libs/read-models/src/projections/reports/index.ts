export * from './reports.projection';
export * from './client-report-events';
export { dayIn } from './report-memory';
