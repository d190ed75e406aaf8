export * from './reports.projection';
export * from './client-report-events';
export { dayIn } from './report-memory';
export { reportBuffers, flushReportBuffers } from './report-buffers';
export { freshMemory } from './report-memory';
