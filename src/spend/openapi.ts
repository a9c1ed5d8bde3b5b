import type { ApiDescription } from '../core/api-route';
import { csvReport, parametersOf, problem, strictQuery } from '../http/openapi';
import { reportQuery } from '../http/report-access';
import { importQuery, logQuery } from './routes';

/** The spend capability's part of the OpenAPI document: ledger imports and the avtalstrohet reports. */
const reportErrors = { '400': problem, '401': problem, '403': problem, '429': problem, '500': problem };

export const spendApi: ApiDescription = {
  paths: {
    '/api/spend/imports': {
      post: {
        operationId: 'importSupplierLedger',
        summary: 'Import a supplier ledger (Leverantörsreskontra 1.1 and its variants: CSV in UTF-8, UTF-16 or Windows-1252, or .xlsx)',
        description:
          'Admin key required. The buyer (kopare_id) decides the region: 232100-0032 Region Sörmland, 232100-0172 Region Västmanland; other buyers are refused. ' +
          'A posting already imported (same buyer, voucher, date, account and amount) is never counted twice. Sole traders\' numbers are masked at the door. ' +
          `\`dryRun=true\` reports the same counts without saving. ${strictQuery}`,
        security: [{ adminKey: [] }],
        parameters: parametersOf('query', importQuery, { dryRun: 'Validate and report only; nothing is saved.', fileName: 'The file name, for the import log.' }),
        requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } }, 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
        responses: { '200': { description: 'Import report', content: { 'application/json': { schema: { type: 'object' } } } }, ...reportErrors, '413': problem, '422': problem },
      },
      get: {
        operationId: 'listSupplierLedgerImports',
        summary: 'The latest supplier-ledger imports, newest first',
        description: `Admin key required. ${strictQuery}`,
        security: [{ adminKey: [] }],
        parameters: parametersOf('query', logQuery, { limit: 'How many (1–100).' }),
        responses: { '200': { description: 'Import log', content: { 'application/json': { schema: { type: 'object' } } } }, ...reportErrors },
      },
    },
    '/api/reports/spend.csv': {
      get: {
        operationId: 'spendReportCsv',
        summary: 'Leverantörstrohet per region and administration for a year (the ledger\'s view of avtalstrohet)',
        description: `Reports key. One row per region and administration plus a region total with forvaltning empty. ${strictQuery}`,
        security: [{ reportsKey: [] }, { adminKey: [] }],
        parameters: parametersOf('query', reportQuery, { year: 'The calendar year (four digits).' }),
        responses: { '200': csvReport('region;forvaltning;influenceable_sek;contracted_sek;share_contracted;masked_sek;public_sek;excluded_sek;rows'), ...reportErrors },
      },
    },
    '/api/reports/uncontracted-suppliers.csv': {
      get: {
        operationId: 'uncontractedSuppliersCsv',
        summary: 'Suppliers paid without a contract in a year, with a screening flag (a lead for Inköp, not a verdict)',
        description: `Reports key. ${strictQuery}`,
        security: [{ reportsKey: [] }, { adminKey: [] }],
        parameters: parametersOf('query', reportQuery, { year: 'The calendar year (four digits).' }),
        responses: { '200': csvReport('region;supplier_orgnr;supplier_name;spend_sek;invoices;forvaltningar;flag;expired_contract_id'), ...reportErrors },
      },
    },
    '/api/reports/spend': {
      get: {
        operationId: 'spendReportPage',
        summary: 'The printable avtalstrohet page for a year, with charts and the avtalslösa områden',
        description: `Reports key. ${strictQuery}`,
        security: [{ reportsKey: [] }, { adminKey: [] }],
        parameters: parametersOf('query', reportQuery, { year: 'The calendar year (four digits).' }),
        responses: { '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } }, ...reportErrors },
      },
    },
  },
};
