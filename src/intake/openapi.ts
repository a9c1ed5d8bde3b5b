import type { ApiDescription } from '../core/api-route';
import { csvReport, reportAccess, reportRoute } from '../http/openapi';

/** The intake's REST route (src/intake/routes.ts) as the OpenAPI document describes it. */
export const intakeApi: ApiDescription = {
  routes: [
    reportRoute({
      path: '/api/reports/intake.csv',
      operationId: 'intakeReport',
      summary: 'Submitted purchase needs as CSV, one row per case (";"-separated, UTF-8 with BOM)',
      description: reportAccess,
      parameterDescriptions: { year: 'Only cases submitted in this year (four digits, 2000 to next year).' },
      ok: csvReport('The cases, oldest first'),
    }),
  ],
};
