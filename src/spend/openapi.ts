import type { ApiDescription } from '../core/api-route';
import { REPORT_ERRORS, csvReport, reportRoute, strictQuery } from '../http/openapi';
import { importQuery, logQuery } from './routes';

/** The spend capability's part of the OpenAPI document: ledger imports and the avtalstrohet reports (src/spend/routes.ts). */
const year = { year: 'The calendar year (four digits).' };
const reportsKey = `Reports key. ${strictQuery}`;

export const spendApi: ApiDescription = {
  routes: [
    {
      method: 'post',
      path: '/api/spend/imports',
      operationId: 'importSupplierLedger',
      summary: 'Import a supplier ledger (Leverantörsreskontra 1.1 and its variants: CSV in UTF-8, UTF-16 or Windows-1252, or .xlsx)',
      description:
        'Admin key required. The buyer (kopare_id) decides the region: 232100-0032 Region Sörmland, 232100-0172 Region Västmanland; other buyers are refused. ' +
        'A posting already imported (same buyer, voucher, date, account and amount) is never counted twice. Sole traders\' numbers are masked at the door. ' +
        `\`dryRun=true\` reports the same counts without saving. ${strictQuery}`,
      security: [{ adminKey: [] }],
      query: importQuery,
      parameterDescriptions: { dryRun: 'Validate and report only; nothing is saved.', fileName: 'The file name, for the import log.' },
      rawBody: { content: { 'text/csv': { schema: { type: 'string' } }, 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
      responses: { '200': { description: 'Import report', content: { 'application/json': { schema: { type: 'object' } } } }, ...REPORT_ERRORS, '413': true, '422': true },
    },
    {
      method: 'get',
      path: '/api/spend/imports',
      operationId: 'listSupplierLedgerImports',
      summary: 'The latest supplier-ledger imports, newest first',
      description: `Admin key required. ${strictQuery}`,
      security: [{ adminKey: [] }],
      query: logQuery,
      parameterDescriptions: { limit: 'How many (1–100).' },
      responses: { '200': { description: 'Import log', content: { 'application/json': { schema: { type: 'object' } } } }, ...REPORT_ERRORS },
    },
    reportRoute({
      path: '/api/reports/spend.csv',
      operationId: 'spendReportCsv',
      summary: 'Leverantörstrohet per region and administration for a year (the ledger\'s view of avtalstrohet)',
      description: `Reports key. One row per region and administration plus a region total with forvaltning empty. ${strictQuery}`,
      parameterDescriptions: year,
      ok: csvReport('region;forvaltning;influenceable_sek;contracted_sek;share_contracted;masked_sek;public_sek;excluded_sek;rows'),
    }),
    reportRoute({
      path: '/api/reports/uncontracted-suppliers.csv',
      operationId: 'uncontractedSuppliersCsv',
      summary: 'Suppliers paid without a contract in a year, with a screening flag (a lead for Inköp, not a verdict)',
      description: reportsKey,
      parameterDescriptions: year,
      ok: csvReport('region;supplier_orgnr;supplier_name;spend_sek;invoices;forvaltningar;flag;expired_contract_id'),
    }),
    reportRoute({
      path: '/api/reports/spend',
      operationId: 'spendReportPage',
      summary: 'The printable avtalstrohet page for a year, with charts and the avtalslösa områden',
      description: reportsKey,
      parameterDescriptions: year,
      ok: { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } },
    }),
  ],
};
