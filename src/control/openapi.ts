import type { ApiDescription } from '../core/api-route';
import { csvReport, reportAccess, reportRoute } from '../http/openapi';

/** The figures of the yearly internal-control report, in the order the report gives them. */
const figures =
  'resource planning (submission → desired start over the needs that went to procurement; desired → actual start over procured ' +
  'cases by the year of their actual start, with how many lack an actual start; per category too), coordinated procurements ' +
  '(contracts covering both regions whose validity starts in the year, removed ones included, against CONTROL_COORDINATED_TARGET), ' +
  'appealed and cancelled procurements with appeal outcomes and causes, the contract-check signal, and the NKI as the survey publishes it';
const year = { year: "The report's year (default: this year); the year before is shown beside it." };

/** The internal-control report's REST routes (src/control/routes.ts), the CSV and the printable page, as the OpenAPI document describes them. */
export const controlApi: ApiDescription = {
  routes: [
    reportRoute({
      path: '/api/reports/internal-control.csv',
      operationId: 'internalControlReport',
      summary: 'The standardised yearly internal-control report as CSV: one row per figure',
      description:
        `Columns control, figure, value, target, previous_year, definition (";"-separated, UTF-8 with BOM, CRLF); texts in Swedish, ` +
        `English after Accept-Language. Shares are whole percent; an empty value has nothing to show (an NKI the anonymity rule hides). ` +
        `Figures: ${figures}. ${reportAccess}`,
      parameterDescriptions: year,
      ok: csvReport('One row per figure, in the standard order'),
    }),
    reportRoute({
      path: '/api/reports/internal-control',
      operationId: 'internalControlPage',
      summary: 'The same report as a printable page (HTML for A4, charts as inline SVG)',
      description:
        'Self-contained: an inline style sheet (allowed by hash in its own Content-Security-Policy), no script, nothing loaded ' +
        `from elsewhere; every figure with its definition and the previous year, the coordinated contracts listed. ${reportAccess}`,
      parameterDescriptions: year,
      ok: { description: 'The report page', content: { 'text/html': { schema: { type: 'string' } } } },
    }),
  ],
};
