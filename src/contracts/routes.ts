import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { zodReason } from '../http/zod-reason';
import { Db } from '../db';
import { Locale, t } from '../i18n';
import { bearerToken, keyMatches } from '../http/auth';
import { BodyTooLargeError, readRawBody } from '../http/body';
import { HttpProblem, requestLocale, route, sendJson } from '../http/problem';
import { Logger } from '../logger';
import { DEFAULT_MAX_NEW_CATEGORIES, ImportFatalError, ImportRefusedError, importContracts } from './import-service';
import { latestImports } from './import-repository';
import { CategoryChange, createCategoryDirectory, mergeCategory, removeCategory, renameCategory } from '../core/category-repository';
import { findCategory } from '../core/categories';
import { ContractView, orderingLabel, STATUS_FILTERS } from './model';
import { contractCardData } from './cards';
import { ApiAccess } from '../http/copilot-access';
import { ContractRepository } from './repository';
import { MAX_OFFSET, MAX_QUERY_LENGTH } from './search-query';
import { searchWords } from '../core/reading';
import { SearchLog, logSearch } from './search-log';
import { numberInput } from '../util/input';
import { REGIONS } from '../core/vocabulary';
import { todayInSweden } from '../core/dates';
import { foldText } from '../util/text';

export { MAX_OFFSET };

export const MAX_LIMIT = 50;
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const region = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const f = foldText(v.trim()).replace(/^region\s+/, '');
  return REGIONS.find((r) => foldText(r) === f) ?? v;
}, z.enum(REGIONS));

export const contractQuerySchema = z
  .object({
    q: z.string().max(MAX_QUERY_LENGTH, `at most ${MAX_QUERY_LENGTH} characters`).optional(),
    // A slug or a name (Swedish, English or an alias) from the categories table; checked against it.
    category: z.string().trim().min(1).max(80).optional(),
    region: region.optional(),
    supplier: z.string().min(1).max(100).optional(),
    // The language of q: 'en' reads English product words through the glossary ("gloves" → "handskar").
    lang: z.enum(['sv', 'en']).optional(),
    status: z.enum(STATUS_FILTERS).default('all'),
    limit: numberInput(z.number().int().min(1).max(MAX_LIMIT)).default(10),
    offset: numberInput(z.number().int().min(0).max(MAX_OFFSET)).default(0),
  })
  .strict();

export const CONTRACT_QUERY_PARAMS = Object.keys(contractQuerySchema.shape);

/** GET /api/contracts/:id and GET /api/categories take no query parameters. */
export const noQuerySchema = z.object({}).strict();

/** The path of GET /api/contracts/:id: a longer id matches no contract (404). */
export const MAX_CONTRACT_ID_LENGTH = 40;
export const contractPathSchema = z.object({ id: z.string().max(MAX_CONTRACT_ID_LENGTH) });

const flag = z.enum(['true', 'false', '1', '0']).optional();
const isSet = (v: string | undefined) => v === 'true' || v === '1';

/** POST /api/contracts/import: its query, and the body media types it reads. */
export const importQuerySchema = z
  .object({
    dryRun: flag,
    mode: z.enum(['update', 'full']).optional(),
    force: flag,
    /** With force: the number of removals the dry run reported; the import is refused unless it removes exactly that many. */
    removals: numberInput(z.number().int().min(0).max(10_000_000)).optional(),
    /** The number of new categories the dry run listed, to create more than IMPORT_MAX_NEW_CATEGORIES. */
    newCategories: numberInput(z.number().int().min(0).max(1_000_000)).optional(),
    sheet: z.string().trim().min(1).max(100).optional(),
    fileName: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const IMPORT_MEDIA_TYPES = ['text/csv', 'application/octet-stream', 'text/plain', 'application/vnd.ms-excel', XLSX_MEDIA_TYPE] as const;

/** GET /api/contracts/imports: how many of the latest imports. */
export const importsQuerySchema = z.object({ limit: numberInput(z.number().int().min(1).max(100)).default(20) }).strict();

/** The public JSON shape of a contract. */
export function contractJson(c: ContractView) {
  return {
    contractId: c.contractId,
    title: c.title,
    description: c.description,
    category: { slug: c.category, name: c.categoryName },
    suppliers: c.suppliers,
    keywords: c.keywords,
    cpvCodes: c.cpvCodes,
    validFrom: c.validFrom,
    validTo: c.validTo,
    maxExtensionTo: c.maxExtensionTo,
    regions: c.regions,
    orderingMethod: c.orderingMethod,
    contractType: c.contractType,
    contact: { name: c.contactName, email: c.contactEmail },
    url: c.url,
    status: c.status,
  };
}

/** A contract as the REST API sends it: its public fields, how to order in words, and its card's data (src/contracts/operations.ts). */
export function contractApiJson(c: ContractView, locale: Locale) {
  return { ...contractJson(c), howToOrder: orderingLabel(c.orderingMethod, locale), card: contractCardData(locale, c) };
}

function parseQueryOrThrow<T extends z.ZodTypeAny>(schema: T, query: unknown, locale: Locale, allowed: string[]): z.infer<T> {
  const result = schema.safeParse(query ?? {});
  if (result.success) return result.data;
  const unknownKeys = result.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : []));
  if (unknownKeys.length > 0) {
    throw new HttpProblem(400, t(locale, 'api.badRequest'), t(locale, 'api.unknownParameter', { names: unknownKeys.join(', '), allowed: allowed.join(', ') }));
  }
  const issue = result.error.issues[0];
  throw new HttpProblem(
    400,
    t(locale, 'api.badRequest'),
    t(locale, 'api.invalidParameter', { name: String(issue?.path[0] ?? ''), reason: zodReason(locale, issue) }),
    { errors: result.error.issues.map((i) => ({ parameter: i.path.join('.'), message: zodReason(locale, i) })) },
  );
}

export interface ContractRoutesDeps {
  db: Db;
  contracts: ContractRepository;
  adminKey?: string;
  logger: Logger;
  now?: () => Date;
  imports?: { maxRemovalShare: number; maxFileBytes: number; maxNewCategories?: number };
  /** Counts REST searches (searches only: the API knows no person). */
  searchLog?: SearchLog;
  /** Who may search and read contracts (the operations Copilot calls); open when absent. */
  access?: ApiAccess;
}

/** The admin key check of the import endpoints: 403 when imports over HTTP are off, 401 on a wrong key. */
function requireAdmin(req: Request, res: Response, adminKey: string | undefined, locale: Locale): void {
  if (!adminKey) throw new HttpProblem(403, t(locale, 'api.importDisabled'));
  if (!keyMatches(bearerToken(req.header('authorization')), adminKey)) {
    res.header('WWW-Authenticate', 'Bearer');
    throw new HttpProblem(401, t(locale, 'api.unauthorized'));
  }
}

type OnUnexpected = (err: unknown, req: Request) => void;

/** The contract-lookup REST API, and the import endpoints for the admin key. */
export function register(server: Server, deps: ContractRoutesDeps): void {
  const onUnexpected: OnUnexpected = (err, req) =>
    deps.logger.error({ err: (err as Error)?.message, stack: (err as Error)?.stack, path: req.path(), reqId: req.id() }, 'request failed');
  registerLookup(server, deps, onUnexpected);
  registerImports(server, deps, onUnexpected);
  registerCategoryAdmin(server, deps, onUnexpected);
}

const categoryName = z.string().trim().min(1).max(80);
export const categoryRenameSchema = z.object({ name: z.object({ sv: categoryName.optional(), en: categoryName.optional() }).strict() }).strict();
export const categoryMergeSchema = z.object({ into: z.string().trim().min(1).max(60) }).strict();

/** A small JSON body, parsed with its schema; 400 in the caller's language otherwise. */
async function jsonBody<T extends z.ZodTypeAny>(req: Request, schema: T, locale: Locale): Promise<z.infer<T>> {
  const raw = await readRawBody(req, 16 * 1024).catch((err: unknown) => {
    if (err instanceof BodyTooLargeError) throw new HttpProblem(413, t(locale, 'api.payloadTooLarge'));
    throw err;
  });
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpProblem(400, t(locale, 'api.badRequest'), t(locale, 'api.invalidBody', { reason: 'JSON' }));
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpProblem(400, t(locale, 'api.badRequest'), t(locale, 'api.invalidBody', { reason: zodReason(locale, parsed.error.issues[0]) }));
  return parsed.data;
}

function changed(res: Response, r: CategoryChange, locale: Locale, slug: string): void {
  if (r.ok) return sendJson(res, 200, { ok: true, ...(r.moved !== undefined ? { moved: r.moved } : {}) });
  if (r.reason === 'not-found') throw new HttpProblem(404, t(locale, 'api.notFound'), t(locale, 'api.categoryNotFound', { slug: slug.slice(0, 60) }));
  if (r.reason === 'same') throw new HttpProblem(400, t(locale, 'api.badRequest'), t(locale, 'api.categorySame'));
  throw new HttpProblem(409, t(locale, 'api.conflict'), t(locale, r.reason === 'in-use' ? 'api.categoryInUse' : 'api.categoryNameTaken', { slug: slug.slice(0, 60) }));
}

/** Renaming, merging and removing categories: the admin key, checked before anything is read. */
function registerCategoryAdmin(server: Server, deps: ContractRoutesDeps, onUnexpected: OnUnexpected): void {
  const slugOf = (req: Request) => String(req.params.slug ?? '').slice(0, 100);
  const after = () => deps.contracts.invalidateVocabulary();
  server.patch(
    '/api/categories/:slug',
    route(async (req, res) => {
      const locale = requestLocale(req);
      requireAdmin(req, res, deps.adminKey, locale);
      parseQueryOrThrow(noQuerySchema, req.query, locale, []);
      const body = await jsonBody(req, categoryRenameSchema, locale);
      const r = await deps.db.transaction((tx) => renameCategory(tx, slugOf(req), body.name));
      if (r.ok) after();
      changed(res, r, locale, slugOf(req));
    }, onUnexpected),
  );
  server.post(
    '/api/categories/:slug/merge',
    route(async (req, res) => {
      const locale = requestLocale(req);
      requireAdmin(req, res, deps.adminKey, locale);
      parseQueryOrThrow(noQuerySchema, req.query, locale, []);
      const body = await jsonBody(req, categoryMergeSchema, locale);
      const r = await deps.db.transaction((tx) => mergeCategory(tx, slugOf(req), body.into));
      if (r.ok) after();
      changed(res, r, locale, r.ok ? slugOf(req) : body.into);
    }, onUnexpected),
  );
  server.del(
    '/api/categories/:slug',
    route(async (req, res) => {
      const locale = requestLocale(req);
      requireAdmin(req, res, deps.adminKey, locale);
      parseQueryOrThrow(noQuerySchema, req.query, locale, []);
      changed(res, await deps.db.transaction((tx) => removeCategory(tx, slugOf(req))), locale, slugOf(req));
    }, onUnexpected),
  );
}

/** Search, one contract (410 once a full export removed it), categories. */
function registerLookup(server: Server, deps: ContractRoutesDeps, onUnexpected: OnUnexpected): void {
  const today = () => todayInSweden(deps.now?.());
  const categories = createCategoryDirectory(deps.db);

  server.get(
    '/api/contracts',
    route(async (req, res) => {
      const locale = requestLocale(req);
      await deps.access?.check(req, res, locale);
      const p = parseQueryOrThrow(contractQuerySchema, req.query, locale, CONTRACT_QUERY_PARAMS);
      let category: string | undefined;
      if (p.category) {
        const list = await categories.list();
        category = findCategory(list, p.category)?.slug;
        if (!category) {
          throw new HttpProblem(400, t(locale, 'api.badRequest'), t(locale, 'api.unknownCategory', { value: p.category.slice(0, 80), allowed: list.map((c) => c.slug).join(', ') }));
        }
      }
      // The same product words as in chat: "where can I buy gloves" searches "gloves".
      const q = p.q === undefined ? undefined : searchWords(p.q);
      const result = await deps.contracts.search({ ...p, q, category, today: today() });
      sendJson(res, 200, { total: result.total, ...(result.totalAtLeast && { totalAtLeast: true }), limit: p.limit, offset: p.offset, items: result.items.map((c) => contractApiJson(c, locale)) });
      // Counted by the search log's one rule (as in chat and the message extension).
      logSearch(deps.searchLog, { q, offset: p.offset, region: p.region, category, supplier: p.supplier, status: p.status, items: result.items }, { source: 'rest' });
    }, onUnexpected),
  );

  server.get(
    '/api/contracts/:id',
    route(async (req, res) => {
      const locale = requestLocale(req);
      await deps.access?.check(req, res, locale);
      parseQueryOrThrow(noQuerySchema, req.query, locale, []);
      const id = String(req.params.id ?? '');
      const valid = contractPathSchema.safeParse({ id }).success;
      const contract = valid ? await deps.contracts.get(id, today()) : null;
      if (contract) return sendJson(res, 200, contractApiJson(contract, locale));
      const removed = valid ? await deps.contracts.removed(id) : null;
      if (removed) {
        throw new HttpProblem(410, t(locale, 'api.gone'), t(locale, 'api.contractRemoved', { id: removed.contractId, date: removed.removedAt.slice(0, 10) }), {
          contractId: removed.contractId,
          title: removed.title,
          removedAt: removed.removedAt,
        });
      }
      throw new HttpProblem(404, t(locale, 'api.notFound'), t(locale, 'api.contractNotFound', { id: id.slice(0, MAX_CONTRACT_ID_LENGTH) }));
    }, onUnexpected),
  );

  server.get(
    '/api/categories',
    route(async (req, res) => {
      parseQueryOrThrow(noQuerySchema, req.query, requestLocale(req), []);
      const items = await deps.contracts.categories(today());
      sendJson(res, 200, { items });
    }, onUnexpected),
  );
}

/** POST /api/contracts/import and GET /api/contracts/imports (the import log). */
function registerImports(server: Server, deps: ContractRoutesDeps, onUnexpected: OnUnexpected): void {
  server.get(
    '/api/contracts/imports',
    route(async (req, res) => {
      const locale = requestLocale(req);
      requireAdmin(req, res, deps.adminKey, locale);
      const p = parseQueryOrThrow(importsQuerySchema, req.query, locale, Object.keys(importsQuerySchema.shape));
      const items = await latestImports(deps.db, p.limit);
      sendJson(res, 200, { items });
    }, onUnexpected),
  );

  server.post(
    '/api/contracts/import',
    route(async (req: Request, res: Response) => {
      const locale = requestLocale(req);
      requireAdmin(req, res, deps.adminKey, locale);
      const q = parseQueryOrThrow(importQuerySchema, req.query, locale, Object.keys(importQuerySchema.shape));
      const type = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
      if (!(IMPORT_MEDIA_TYPES as readonly string[]).includes(type)) {
        throw new HttpProblem(415, t(locale, 'api.unsupportedMediaType'));
      }
      const body = await readRawBody(req, deps.imports?.maxFileBytes ?? MAX_IMPORT_BYTES).catch((err: unknown) => {
        if (err instanceof BodyTooLargeError) throw new HttpProblem(413, t(locale, 'api.payloadTooLarge'));
        throw err;
      });
      try {
        const report = await importContracts(deps.db, body, {
          dryRun: isSet(q.dryRun),
          mode: q.mode ?? 'update',
          force: isSet(q.force),
          confirmRemovals: q.removals,
          maxNewCategories: deps.imports?.maxNewCategories ?? DEFAULT_MAX_NEW_CATEGORIES,
          confirmNewCategories: q.newCategories,
          sheet: q.sheet,
          fileName: q.fileName,
          format: type === XLSX_MEDIA_TYPE ? 'xlsx' : undefined,
          maxRemovalShare: deps.imports?.maxRemovalShare,
          xlsxLimits: { maxFileBytes: deps.imports?.maxFileBytes ?? MAX_IMPORT_BYTES },
          actor: { source: 'api' },
          locale,
        });
        deps.logger.info(
          { rows: report.rows, valid: report.valid, added: report.added, updated: report.updated, removed: report.removed, rejected: report.rejected.length, mode: report.mode, dryRun: report.dryRun },
          'contract import',
        );
        // A dry run reports what a real run would refuse in `refusal`; only a file with nothing valid is 422.
        sendJson(res, report.refusal?.code === 'nothing-valid' ? 422 : 200, report);
      } catch (err) {
        if (err instanceof ImportFatalError) {
          throw new HttpProblem(400, t(locale, 'api.importFailed'), err.message, err.line ? { line: err.line } : {});
        }
        if (err instanceof ImportRefusedError) {
          deps.logger.warn({ code: err.code, removed: err.report.removed, rows: err.report.rows }, 'contract import refused');
          throw new HttpProblem(err.code === 'nothing-valid' ? 422 : 409, t(locale, 'api.importRefused'), err.message, { code: err.code, report: err.report });
        }
        throw err;
      }
    }, onUnexpected),
  );
}
