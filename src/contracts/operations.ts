import { z } from 'zod';
import { REGIONS } from '../core/vocabulary';
import { ApiOperation } from '../http/operation';
import { CONTRACT_STATUSES, CONTRACT_TYPES, ORDERING_METHODS } from './model';
import { contractPathSchema, contractQuerySchema, MAX_LIMIT } from './routes';

/**
 * The contract lookup as REST operations: the response schemas (zod, so the OpenAPI description and the
 * tests read the same thing) and the declarations the OpenAPI documents are built from.
 */

const fact = z.object({ title: z.string(), value: z.string() });

/** The data of src/contracts/cards/contract-card.json; Copilot renders it with the package's static copy of that template. */
export const contractCardSchema = z
  .object({
    title: z.string(),
    statusText: z.string(),
    statusColor: z.enum(['Good', 'Warning', 'Attention', 'Accent']),
    renewalText: z.string(),
    supplierLine: z.string(),
    facts: z.array(fact),
    openLabel: z.string(),
    url: z.string(),
  })
  .describe("The contract as the assistant's card shows it, in the request's language (Accept-Language).");

export const contractResponseSchema = z.object({
  contractId: z.string().describe('The contract id: cite it when naming the contract.'),
  title: z.string(),
  description: z.string(),
  category: z.object({ slug: z.string(), name: z.object({ sv: z.string(), en: z.string() }) }),
  suppliers: z.array(z.object({ name: z.string(), orgNr: z.string().optional(), rank: z.number().int().optional().describe('Order of precedence on a ranked framework (1 first).') })),
  keywords: z.array(z.string()),
  cpvCodes: z.array(z.string()),
  validFrom: z.string().describe('YYYY-MM-DD'),
  validTo: z.string().describe('YYYY-MM-DD'),
  maxExtensionTo: z.string().nullable().describe('The last possible end with every extension option used (YYYY-MM-DD).'),
  regions: z.array(z.enum(REGIONS)),
  orderingMethod: z.string().describe(`One of ${ORDERING_METHODS.join(', ')}, or the organisation's own wording.`),
  howToOrder: z.string().describe('How staff order from this contract, in words, in the language of the request.'),
  contractType: z.string().describe(`One of ${CONTRACT_TYPES.join(', ')}, or the organisation's own wording.`),
  contact: z.object({ name: z.string().nullable(), email: z.string().nullable() }),
  url: z.string().nullable().describe("The contract's page in the catalogue."),
  status: z.enum(CONTRACT_STATUSES).describe('expiring: ends within 90 days; expired contracts must not be used for new orders.'),
  card: contractCardSchema,
});

export const searchResponseSchema = z.object({
  total: z.number().int().describe('How many contracts match in all (with totalAtLeast: at least this many).'),
  totalAtLeast: z
    .literal(true)
    .optional()
    .describe('Present on a very broad query: total counts only the contracts with a query word in the title, keywords or CPV codes; more match in all.'),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(contractResponseSchema).describe('Best match first.'),
});

const strict = 'An unknown query parameter is refused with 400.';

export const searchContractsOperation: ApiOperation = {
  method: 'get',
  path: '/api/contracts',
  operationId: 'searchContracts',
  summary: "Search the regions' contract catalogue",
  description:
    "Searches the procured contracts of Region Sörmland and Region Västmanland (Inköp). Call it before answering anything about " +
    'suppliers, products, services or contracts: which contract covers something, who supplies it, how to order it, or whether a contract ' +
    'exists at all. `q` takes Swedish product words or a contract id (Swedish stemming, compound words, missing å/ä/ö and small typos are ' +
    'handled; or English product words with lang=en). Each result has the contract id to cite, `howToOrder` in words and a link. ' +
    `No result means the catalogue has no contract for it: say so and offer Inköp's contact, never guess a supplier. ${strict}`,
  query: contractQuerySchema,
  params: {
    q: { description: 'Swedish product or service words (English with lang=en), a supplier name or organisation number, or a contract id. Question phrases are dropped: "var köper jag handskar" searches "handskar".', example: 'handskar' },
    lang: { description: '`en` reads English product words through the English–Swedish glossary ("gloves" → "handskar"); `sv` (default) is Swedish.', example: 'sv' },
    category: { description: 'A category slug or name (see GET /api/categories).', example: 'medicinteknik' },
    region: { description: 'Only contracts for this region: Sörmland or Västmanland.', example: 'Sörmland' },
    supplier: { description: 'Part of a supplier name.', example: 'Vitalpuls' },
    status: { description: '`active` (includes `expiring`, within 90 days of its end), `expiring`, `expired` or `all`.', example: 'active' },
    limit: { description: `How many results (1–${MAX_LIMIT}).`, example: 5 },
    offset: { description: 'How many results to skip, for the next page.', example: 0 },
  },
  response: { description: 'Matching contracts, best first: exact id, then title, keywords, supplier, description; active before expired.', schema: searchResponseSchema },
  problems: { '400': null, '401': 'No valid Entra ID token (COPILOT_AUTH=entra).', '429': null, '500': null, '503': 'Entra ID sign-in is not configured.' },
  copilot: true,
};

export const getContractOperation: ApiOperation = {
  method: 'get',
  path: '/api/contracts/{id}',
  operationId: 'getContract',
  summary: 'One contract by its id',
  description:
    'Reads one contract by its contract id (case-insensitive), with suppliers in order of precedence, validity, extension options, ' +
    'how to order in words, the contact and the link. Call it when the user names a contract id or wants the details of a search result. ' +
    `A removed contract answers 410 with the day it was removed; an unknown id 404. Takes no query parameters. ${strict}`,
  pathParams: contractPathSchema,
  params: { id: { description: 'The contract id, as searchContracts returns it.', example: 'RS-2025-0101' } },
  response: { description: 'The contract', schema: contractResponseSchema },
  problems: {
    '400': null,
    '401': 'No valid Entra ID token (COPILOT_AUTH=entra).',
    '404': null,
    '410': 'A full export removed the contract: the problem names it and says when (removedAt).',
    '429': null,
    '500': null,
    '503': 'Entra ID sign-in is not configured.',
  },
  copilot: true,
};

export const CONTRACT_OPERATIONS: readonly ApiOperation[] = [searchContractsOperation, getContractOperation];
