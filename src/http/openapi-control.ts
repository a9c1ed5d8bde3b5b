/**
 * The OpenAPI description of the yearly internal-control report (src/control/routes.ts): the CSV and the
 * printable page. Kept beside openapi.ts, which passes its shared pieces in.
 */
export function internalControlPaths(h: { problem: object; csvReport: (description: string) => object; strictQuery: string; query: { name: string }[] }) {
  const yearParameters = h.query.map((p) => (p.name === 'year' ? { ...p, description: "The report's year (default: this year); the year before is shown beside it." } : p));
  const access = `403 when neither REPORTS_KEY nor CONTRACTS_ADMIN_KEY is configured. ${h.strictQuery}`;
  const errors = { '400': h.problem, '401': h.problem, '403': h.problem, '429': h.problem, '500': h.problem };
  const figures =
    'resource planning (submission → desired start over the needs that went to procurement; desired → actual start over procured ' +
    'cases by the year of their actual start, with how many lack an actual start; per category too), coordinated procurements ' +
    '(contracts covering both regions whose validity starts in the year, removed ones included, against CONTROL_COORDINATED_TARGET), ' +
    'appealed and cancelled procurements with appeal outcomes and causes, the contract-check signal, and the NKI as the survey publishes it';
  return {
    '/api/reports/internal-control.csv': {
      get: {
        operationId: 'internalControlReport',
        summary: 'The standardised yearly internal-control report as CSV: one row per figure',
        description:
          `Columns control, figure, value, target, previous_year, definition (";"-separated, UTF-8 with BOM, CRLF); texts in Swedish, ` +
          `English after Accept-Language. Shares are whole percent; an empty value has nothing to show (an NKI the anonymity rule hides). ` +
          `Figures: ${figures}. ${access}`,
        security: [{ reportsKey: [] }, { adminKey: [] }],
        parameters: yearParameters,
        responses: { '200': h.csvReport('One row per figure, in the standard order'), ...errors },
      },
    },
    '/api/reports/internal-control': {
      get: {
        operationId: 'internalControlPage',
        summary: 'The same report as a printable page (HTML for A4, charts as inline SVG)',
        description:
          'Self-contained: an inline style sheet (allowed by hash in its own Content-Security-Policy), no script, nothing loaded ' +
          `from elsewhere; every figure with its definition and the previous year, the coordinated contracts listed. ${access}`,
        security: [{ reportsKey: [] }, { adminKey: [] }],
        parameters: yearParameters,
        responses: { '200': { description: 'The report page', content: { 'text/html': { schema: { type: 'string' } } } }, ...errors },
      },
    },
  };
}
