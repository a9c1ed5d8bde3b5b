import type { ApiDescription } from '../core/api-route';
import { csvReport, reportAccess, reportRoute } from '../http/openapi';
import { publicQuery } from './routes';

/** What the published plan may show outside the regions: no values, internal notes or staff names. */
const publishedItem = {
  type: 'object',
  properties: {
    title: { type: 'string' },
    category: { type: 'string' },
    regions: { type: 'array', items: { type: 'string' } },
    expectedQuarter: { type: 'string', pattern: '^\\d{4}-Q[1-4]$' },
    procedure: { type: 'string' },
    contact: { type: 'string' },
  },
};

const planCsvColumns =
  'One row per contract (final end = the last extension date, else the current end) and per open case not shown on its contract, ' +
  'sorted by latest start (the day the new procurement must start: final end, or the case\'s desired start, minus the route\'s ' +
  'longest lead time plus PLAN_IMPLEMENTATION_DAYS). Columns contract_id, title, category, final_end, extension_decision_by (current end minus PLAN_NOTICE_MONTHS, ' +
  'or latest_start_if_not_extended when that is earlier, when an option remains), latest_start (if every option is used), case_number, then kind, case_status, contract_type, current_end, extension_remaining, ' +
  'extension_status, extension_decided_to, needed_by, route, lead_time_min_days, lead_time_max_days, status ' +
  '(open, overdue, started, no-procurement, unknown), overdue, no_procurement_reason, problem (no-end-date, extension-before-end, ' +
  `no-route, no-desired-start), latest_start_if_not_extended (current end minus the same lead time; equal to latest_start without an option), ` +
  `implementation_days (the margin between signing and contract start counted in both). No personal names. ${reportAccess}`;

/** The plan's REST routes (src/plan/routes.ts) as the OpenAPI document describes them. */
export const planApi: ApiDescription = {
  routes: [
    {
      method: 'get',
      path: '/api/public/plan.json',
      operationId: 'publicPlan',
      summary: 'The procurement plan outside the regions: only the items an officer published (no key)',
      description:
        'Each published plan item with its public title, category, regions, expected advertisement quarter (YYYY-Qn), kind of procedure ' +
        "and Inköp's contact. No values, internal notes or staff names. The same list as the page GET /plan (HTML, ?lang=sv|en).",
      query: publicQuery,
      responses: {
        '200': {
          description: 'The published items',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { language: { type: 'string', enum: ['sv', 'en'] }, items: { type: 'array', items: publishedItem } } },
            },
          },
        },
        '400': true,
        '429': true,
        '500': true,
      },
    },
    {
      method: 'get',
      path: '/plan',
      operationId: 'publicPlanPage',
      summary: 'The published procurement plan as a plain, accessible HTML page in Swedish or English (no key)',
      query: publicQuery,
      responses: { '200': { description: 'The page', content: { 'text/html': { schema: { type: 'string' } } } }, '400': true, '429': true, '500': true },
    },
    reportRoute({
      path: '/api/reports/plan.csv',
      operationId: 'planReport',
      summary: 'The procurement plan (upphandlingsplan) as CSV: contracts whose final end falls within PLAN_HORIZON_MONTHS, and open cases',
      description: planCsvColumns,
      parameterDescriptions: { year: 'Only items needed in this year (final end, or desired start for a case); four digits, 2000 to next year.' },
      ok: csvReport('One row per contract or case, latest start first'),
    }),
  ],
};
