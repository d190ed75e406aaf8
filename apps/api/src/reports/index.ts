import { ActivityReportsController } from './activity-reports.controller';
import { ClientReportsController } from './client-reports.controller';
import { IndicatorReportsController } from './indicator-reports.controller';

export { ReportSources } from './report-base';

/** The analysts' reports of SPEC §5 (the receivables register stays in reports.controller.ts). */
export const REPORT_CONTROLLERS = [
  ActivityReportsController,
  IndicatorReportsController,
  ClientReportsController,
];
