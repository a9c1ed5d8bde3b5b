import type { ApiDescription } from '../core/api-route';
import { csvReport, reportAccess, reportRoute } from '../http/openapi';

/** The survey's REST route (src/survey/routes.ts) as the OpenAPI document describes it. */
export const surveyApi: ApiDescription = {
  routes: [
    reportRoute({
      path: '/api/reports/nki.csv',
      operationId: 'nkiReport',
      summary: 'Customer satisfaction (NKI) from released quarters as CSV: all, then per quarter and per category',
      description:
        'Released quarters only (a quarter is released once it has ended and all its surveys have closed; its figures never change). ' +
        'Groups count people (NKI_MIN_RESPONSES, default 5); a value is a number, a band "lo-hi" (all but one person alike) or empty (hidden, ' +
        'also where other rows would let it be worked out); `quarters` names the quarters a row is built from. ' +
        reportAccess,
      parameterDescriptions: { year: 'Only surveys opened in this year (four digits, 2000 to next year).' },
      ok: csvReport('One row per group'),
    }),
  ],
};
