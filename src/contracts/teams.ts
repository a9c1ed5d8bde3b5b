import { MessagingExtensionResult, TurnContext } from 'botbuilder';
import { BotApp, CardAnswer, ChatFile, TeamsParts, onCardAction } from '../bot/teams';
import { person, PrivateReply, turnLocale } from '../bot/turn';
import { asAttachment } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { todayInSweden } from '../core/dates';
import { OfficerDirectory } from '../core/officer-repository';
import { Person } from '../core/person';
import { MessageReading, readMessage, searchWords } from '../core/reading';
import { Region } from '../core/vocabulary';
import { Db } from '../db';
import { Locale, t } from '../i18n';
import { formatDate } from '../i18n/format';
import { Logger } from '../logger';
import { ActionLimits } from '../core/limits';
import { KeptReads } from '../imports/kept-reads';
import { contractCardWithPreview, detailsCard, noHitsCard, resultsCard } from './cards';
import { parseSearchCommand, readingSearch, searchReading } from './command';
import { glossaryCommand } from './glossary-command';
import { CategoryAnswer, CategoryDeps, cancelCategoryChange, categoryCommand, confirmMerge, confirmRemove, listCategories } from './category-command';
import { DownloadError, DownloadPolicy, downloadFile } from '../imports/file-download';
import { importClosedCard, importLogText, importPreviewCard, importResultCard } from './import-cards';
import { contractUploads as uploads, latestImports } from './import-repository';
import { DEFAULT_MAX_NEW_CATEGORIES, ImportFatalError, ImportOptions, ImportRefusedError, ReadContractFile, importContracts, previewImport } from './import-service';
import { ContractRepository } from './repository';
import { MAX_OFFSET, parseQuery } from './search-query';
import { SearchLog, logSearch } from './search-log';
import { unmetSearches } from './search-log-repository';
import { UNMET_CARD_DAYS, UNMET_CARD_TOP, unmetSearchesCard } from './unmet-cards';
import { UploadInfo } from '../imports/upload-repository';
import { applyPayload, cancelPayload, detailsPayload, morePayload, queryParams, searchPayload } from './teams-payloads';

/**
 * Contract search in Teams: the chat command and free text, the result cards' buttons, the message extension.
 * Officers' contract files sent in the 1:1 chat (preview card, Importera / fullständig export / Avbryt) and the import log.
 */
export const PAGE_SIZE = 5;
export const SEARCH_COMMAND_ID = 'searchContracts';

export interface ContractTeamsDeps {
  contracts: ContractRepository;
  inkopEmail: string;
  now?: () => Date;
  imports: ImportTeamsDeps;
  /** Counts searches (after the reply; never in the way of one). */
  searchLog: SearchLog;
  /** From how many different people a query without a hit is shown to officers. */
  unmetMinPeople: number;
}

/** Importing a contract file an officer sends in the 1:1 chat, and the import log. */
export interface ImportTeamsDeps {
  db: Db;
  officers: OfficerDirectory;
  logger: Logger;
  /** Where files may be fetched from, how much and for how long (loopback only in local mode). */
  download: DownloadPolicy;
  maxRemovalShare: number;
  /** New categories an import may create before the officer must confirm their number. */
  maxNewCategories?: number;
  privateReply: PrivateReply;
  /** Files sent and import buttons pressed, per officer (the shared per-person limits, action 'import'). */
  limits?: ActionLimits;
}

const IMPORTABLE = new Set(['csv', 'xlsx']);
export function contractTeams(deps: ContractTeamsDeps): TeamsParts {
  const today = () => todayInSweden(deps.now?.());

  /** Runs a search and answers with a results card, or a no-hits card that says what to do next. */
  async function replyWithSearch(ctx: TurnContext, q: string, region?: Region, offset = 0, lang?: Locale): Promise<void> {
    const locale = lang ?? turnLocale(ctx);
    if (q.trim() === '') return void (await ctx.sendActivity(t(locale, 'contracts.noHits.emptyQuery')));
    const result = await deps.contracts.search({ q, region, offset, limit: PAGE_SIZE, today: today(), lang: locale });
    if (result.items.length === 0) await ctx.sendActivity({ attachments: [noHitsCard(locale, q, deps.inkopEmail)] });
    else await ctx.sendActivity({ attachments: [resultsCard(locale, result, { q, region, offset, pageSize: PAGE_SIZE })] });
    // Counted once it has been answered, by the search log's one rule.
    logSearch(deps.searchLog, { q, offset, region, items: result.items }, { source: 'chat', aadId: ctx.activity.from?.aadObjectId });
  }

  /**
   * A buying question, read once by the router: the contracts for its product words (in the question's
   * language), a supplier's contracts, or, with an amount, the contracts first when there are any (the
   * calculator answers after).
   */
  async function answerReading(ctx: TurnContext, r: MessageReading): Promise<void> {
    const rs = readingSearch(r, turnLocale(ctx));
    const { q, region, lang } = rs;
    // Read once for the turn: the search reuses it.
    const parsed = parseQuery(q);
    if (!rs.supplier && parsed.tokens.length === 0 && parsed.idKey === null) {
      return void (await ctx.sendActivity(t(turnLocale(ctx), 'common.notUnderstood')));
    }
    const result = await searchReading((p) => deps.contracts.search(p.q === q ? { ...p, parsed } : p), rs, { limit: PAGE_SIZE, today: today() });
    // With an amount, the contracts come first only when there are any: the calculator answers next.
    if (r.intent === 'amount' && result.items.length === 0) return;
    if (result.items.length === 0) await ctx.sendActivity({ attachments: [noHitsCard(lang, q, deps.inkopEmail)] });
    else await ctx.sendActivity({ attachments: [resultsCard(lang, result, { q, region, offset: 0, pageSize: PAGE_SIZE })] });
    logSearch(deps.searchLog, { q, offset: 0, region, items: result.items }, { source: 'chat', aadId: ctx.activity.from?.aadObjectId });
  }

  const flow = importFlow(deps);
  const categories: CategoryDeps = { officers: deps.imports.officers, db: deps.imports.db, today, counts: (day) => deps.contracts.categories(day) };
  const asker = (ctx: TurnContext) => ({ locale: turnLocale(ctx), aadId: person(ctx).aadId });
  /** A category command's answer (a text or a card): privately when asked in a channel, like the import log. */
  const answerPrivately = (ctx: TurnContext, answer: CategoryAnswer) => deps.imports.privateReply(ctx, typeof answer === 'string' ? answer : { attachments: [asAttachment(answer)] });
  return {
    files: (ctx, files) => receiveFiles(flow, ctx, files),
    commands: {
      'contracts.search': async (ctx, text) => {
        const cmd = parseSearchCommand(text);
        // "sök avtal var köper jag pennor" and "find a laptop" search their product words, English through the glossary.
        const words = readMessage(cmd.q);
        await replyWithSearch(ctx, words.product || cmd.q, cmd.region, 0, words.language ?? undefined);
      },
      'contracts.imports': (ctx, text) => importLog(deps.imports, ctx, text),
      'contracts.unmet': (ctx) => unmetReport(deps, ctx),
      'contracts.glossary': (ctx, text) => {
        const say = async (m: string) => void (await ctx.sendActivity(m));
        const sayPrivately = (m: string) => deps.imports.privateReply(ctx, m);
        return glossaryCommand(deps.imports, { locale: turnLocale(ctx), aadId: person(ctx).aadId, say, sayPrivately }, text);
      },
      'contracts.categories': async (ctx) => answerPrivately(ctx, await listCategories(categories, asker(ctx))),
      'contracts.category': async (ctx, text) => answerPrivately(ctx, await categoryCommand(categories, asker(ctx), text)),
      'contracts.anything': async (ctx, text, _state, reading) => answerReading(ctx, reading ?? readMessage(text)),
    },

    register(app: BotApp) {
      onCardAction(app, VERBS.contractsImportApply, (ctx, data) => applyUpload(flow, ctx, data));
      onCardAction(app, VERBS.contractsImportCancel, (ctx, data) => cancelUpload(flow, ctx, data));
      onCardAction(app, VERBS.contractsCategoryMerge, (ctx, data) => confirmMerge(categories, asker(ctx), data));
      onCardAction(app, VERBS.contractsCategoryRemove, (ctx, data) => confirmRemove(categories, asker(ctx), data));
      onCardAction(app, VERBS.contractsCategoryCancel, (ctx) => cancelCategoryChange(categories, asker(ctx)));

      app.adaptiveCards.actionSubmit(VERBS.contractsSearch, async (ctx, _state, data) => {
        const parsed = searchPayload.safeParse(data);
        if (!parsed.success) return void (await ctx.sendActivity(t(turnLocale(ctx), 'common.cardDataInvalid')));
        const cmd = parseSearchCommand(parsed.data.q);
        await replyWithSearch(ctx, cmd.q, cmd.region);
      });

      app.adaptiveCards.actionSubmit(VERBS.contractsMore, async (ctx, _state, data) => {
        const parsed = morePayload.safeParse(data);
        if (!parsed.success) return void (await ctx.sendActivity(t(turnLocale(ctx), 'common.cardDataInvalid')));
        const { q, region, offset } = parsed.data;
        await replyWithSearch(ctx, q, region || undefined, offset);
      });

      app.adaptiveCards.actionSubmit(VERBS.contractsDetails, async (ctx, _state, data) => {
        const locale = turnLocale(ctx);
        const parsed = detailsPayload.safeParse(data);
        if (!parsed.success) return void (await ctx.sendActivity(t(locale, 'common.cardDataInvalid')));
        const contract = await deps.contracts.get(parsed.data.id, today());
        if (!contract) {
          // A details button on an older card, for a contract a full export has since removed: say so and when.
          const removed = await deps.contracts.removed(parsed.data.id);
          const text = removed
            ? t(locale, 'contracts.removed', { id: removed.contractId, title: removed.title, date: formatDate(locale, removed.removedAt.slice(0, 10)) })
            : t(locale, 'contracts.notFound', { id: parsed.data.id });
          return void (await ctx.sendActivity(text));
        }
        await ctx.sendActivity({ attachments: [detailsCard(locale, contract)] });
      });

      // The search message extension: contract cards with a list preview, to drop into any chat.
      app.messageExtensions.query(SEARCH_COMMAND_ID, async (ctx, _state, query): Promise<MessagingExtensionResult> => {
        const locale = turnLocale(ctx);
        const params = queryParams.safeParse(query.parameters ?? {});
        const text = params.success ? (params.data.queryText ?? '').trim() : '';
        if (text.length < 2) return { type: 'message', text: t(locale, 'contracts.msgext.emptyQuery') };
        const limit = Math.min(Math.max(Number(query.count) || 10, 1), 25);
        const offset = Math.min(Math.max(Number(query.skip) || 0, 0), MAX_OFFSET);
        // The same product words as in chat ("where can I buy gloves" searches "gloves"), English through the glossary.
        const words = searchWords(text);
        const result = await deps.contracts.search({ q: words, limit, offset, today: today(), lang: locale });
        logSearch(deps.searchLog, { q: words, offset, items: result.items }, { source: 'msgext', aadId: ctx.activity.from?.aadObjectId });
        return { type: 'result', attachmentLayout: 'list', attachments: result.items.map((c) => contractCardWithPreview(locale, c)) };
      });
    },
  };
}

/** "importer": the latest imports, for officers (answered privately when asked in a channel). */
async function importLog(deps: ImportTeamsDeps, ctx: TurnContext, text: string): Promise<void> {
  const locale = turnLocale(ctx);
  if (!(await deps.officers.isOfficer(person(ctx).aadId))) return void (await ctx.sendActivity(t(locale, 'errors.forbidden')));
  const limit = Math.min(Math.max(Number(/(\d{1,2})\s*[.!]?$/.exec(text)?.[1] ?? 10), 1), 50);
  await deps.privateReply(ctx, importLogText(locale, await latestImports(deps.db, limit)));
}

/** "sökningar utan träff": for officers, the top queries without a hit (answered privately when asked in a channel). */
async function unmetReport(deps: ContractTeamsDeps, ctx: TurnContext): Promise<void> {
  const locale = turnLocale(ctx);
  const { officers, db, privateReply } = deps.imports;
  if (!(await officers.isOfficer(person(ctx).aadId))) return void (await ctx.sendActivity(t(locale, 'errors.forbidden')));
  await deps.searchLog.flush({ all: true });
  const rows = await unmetSearches(db, { days: UNMET_CARD_DAYS }, deps.unmetMinPeople, UNMET_CARD_TOP);
  await privateReply(ctx, { attachments: [unmetSearchesCard(locale, rows, deps.unmetMinPeople)] });
}

/** What the import handlers share: the deps, the per-officer limit, the size limit in MB for messages. */
interface ImportFlow {
  deps: ImportTeamsDeps;
  inkopEmail: string;
  within(aadId: string): boolean;
  megabytes: number;
  /** Each preview's reading, under its upload's token: the import works from it. */
  reads: KeptReads<ReadContractFile>;
}

function importFlow({ imports: deps, inkopEmail }: ContractTeamsDeps): ImportFlow {
  const within = (aadId: string) => deps.limits?.allow('import', aadId) ?? true;
  return { deps, inkopEmail, within, megabytes: Math.round(deps.download.maxBytes / (1024 * 1024)), reads: new KeptReads<ReadContractFile>() };
}

/** Both dry runs of a file, in the officer's language. */
async function dryRuns({ deps }: ImportFlow, bytes: Buffer, fileName: string, locale: ImportOptions['locale']) {
  return previewImport(deps.db, bytes, { fileName, locale, maxRemovalShare: deps.maxRemovalShare, xlsxLimits: { maxFileBytes: deps.download.maxBytes } });
}

/**
 * A file in the 1:1 chat → (officers only, before anything is fetched) download under the policy, two
 * dry runs (as an update and as a full export), the file kept under a random token, the preview card.
 * The card's buttons apply or drop the file: only the officer who sent it, within a day.
 */
async function receiveFiles(flow: ImportFlow, ctx: TurnContext, files: ChatFile[]): Promise<boolean> {
  const { deps } = flow;
  const file = files.find((f) => IMPORTABLE.has(f.fileType));
  if (!file) return false;
  const locale = turnLocale(ctx);
  const me = person(ctx);
  if (!(await deps.officers.isOfficer(me.aadId))) return say(ctx, t(locale, 'contracts.import.teams.notOfficer', { email: flow.inkopEmail }));
  if (!flow.within(me.aadId)) return say(ctx, t(locale, 'common.tooMany'));
  let bytes: Buffer;
  try {
    // Fetched already by a capability that looked at it first (a supplier ledger is not a contract file).
    bytes = file.fetched && file.fetched.length <= deps.download.maxBytes ? file.fetched : await downloadFile(file.downloadUrl, deps.download);
  } catch (err) {
    if (!(err instanceof DownloadError)) throw err;
    // The URL itself is a pre-authorised link: only its host goes to the log.
    deps.logger.warn({ code: err.code, status: err.status, host: hostOf(file.downloadUrl) }, 'contract file not downloaded');
    return say(ctx, t(locale, `contracts.import.teams.download.${err.code}`, { file: file.name, max: flow.megabytes }));
  }
  try {
    const { update, full, read } = await dryRuns(flow, bytes, file.name, locale);
    const token = await uploads.save(deps.db, { officerAadId: me.aadId, fileName: file.name, bytes });
    flow.reads.keep(token, read);
    const maxNewCategories = deps.maxNewCategories ?? DEFAULT_MAX_NEW_CATEGORIES;
    await ctx.sendActivity({ attachments: [asAttachment(importPreviewCard(locale, { token, fileName: file.name, maxNewCategories, update, full }))] });
  } catch (err) {
    if (!(err instanceof ImportFatalError)) throw err;
    await ctx.sendActivity(err.message);
  }
  return true;
}

/** The officer's own, unexpired upload for a button, or the answer that says why not. */
async function ownUpload(flow: ImportFlow, ctx: TurnContext, token: string): Promise<{ answer: CardAnswer } | { upload: UploadInfo; me: Person }> {
  const locale = turnLocale(ctx);
  const me = person(ctx);
  if (!(await flow.deps.officers.isOfficer(me.aadId))) return { answer: t(locale, 'contracts.import.teams.notOfficer', { email: flow.inkopEmail }) };
  if (!flow.within(me.aadId)) return { answer: t(locale, 'common.tooMany') };
  const upload = await uploads.find(flow.deps.db, token);
  if (!upload) return { answer: importClosedCard(locale, '', 'gone') };
  if (upload.officerAadId !== me.aadId) return { answer: t(locale, 'contracts.import.teams.notYours') };
  return { upload, me };
}

/** Importera / fullständig export: the file applied once (a second press finds it claimed), the result card. */
async function applyUpload(flow: ImportFlow, ctx: TurnContext, data: Record<string, unknown>): Promise<CardAnswer> {
  const { db, maxRemovalShare } = flow.deps;
  const locale = turnLocale(ctx);
  const p = applyPayload.safeParse(data);
  if (!p.success) return t(locale, 'common.cardDataInvalid');
  const own = await ownUpload(flow, ctx, p.data.token);
  if ('answer' in own) return own.answer;
  const { me } = own;
  const claimed = await uploads.claim(db, p.data.token, me.aadId);
  if (!claimed) return t(locale, 'contracts.import.teams.busy');
  const { mode, force, removals, categories } = p.data;
  // A forced import carries the number its preview offered; without one nothing is forced.
  if (force && removals === undefined) {
    await uploads.release(db, claimed.token);
    return t(locale, 'common.cardDataInvalid');
  }
  try {
    const actor = { source: 'teams' as const, id: me.aadId, name: me.name };
    const xlsxLimits = { maxFileBytes: flow.deps.download.maxBytes };
    const opts: ImportOptions = {
      mode,
      force,
      confirmRemovals: removals,
      maxNewCategories: flow.deps.maxNewCategories ?? DEFAULT_MAX_NEW_CATEGORIES,
      confirmNewCategories: categories,
      maxRemovalShare,
      xlsxLimits,
      fileName: claimed.fileName,
      actor,
      locale,
    };
    // The preview's reading when this process still has it; otherwise the stored file is read again.
    const report = await importContracts(db, claimed.bytes, opts, flow.reads.get(claimed.token));
    flow.reads.drop(claimed.token);
    await uploads.delete(db, claimed.token, me.aadId);
    return importResultCard(locale, claimed.fileName, report, force);
  } catch (err) {
    if (err instanceof ImportRefusedError && err.code === 'too-many-removals') {
      // The catalogue may have changed since the preview: the preview again, with today's numbers.
      await uploads.release(db, claimed.token);
      const { update, read } = await dryRuns(flow, claimed.bytes, claimed.fileName, locale);
      flow.reads.keep(claimed.token, read);
      const maxNewCategories = flow.deps.maxNewCategories ?? DEFAULT_MAX_NEW_CATEGORIES;
      return importPreviewCard(locale, { token: claimed.token, fileName: claimed.fileName, maxNewCategories, update, full: err.report });
    }
    if (err instanceof ImportRefusedError || err instanceof ImportFatalError) {
      flow.reads.drop(claimed.token);
      await uploads.delete(db, claimed.token, me.aadId);
      return err.message;
    }
    await uploads.release(db, claimed.token);
    throw err;
  }
}

/** Avbryt: the file deleted, the card closed. */
async function cancelUpload(flow: ImportFlow, ctx: TurnContext, data: Record<string, unknown>): Promise<CardAnswer> {
  const locale = turnLocale(ctx);
  const p = cancelPayload.safeParse(data);
  if (!p.success) return t(locale, 'common.cardDataInvalid');
  const own = await ownUpload(flow, ctx, p.data.token);
  if ('answer' in own) return own.answer;
  flow.reads.drop(own.upload.token);
  await uploads.delete(flow.deps.db, own.upload.token, own.me.aadId);
  return importClosedCard(locale, own.upload.fileName, 'cancelled');
}

/** Answers in the chat; the file was taken care of. */
async function say(ctx: TurnContext, text: string): Promise<boolean> {
  await ctx.sendActivity(text);
  return true;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
