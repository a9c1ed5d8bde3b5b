import { z } from 'zod';
import { AdaptiveCardJson } from '../cards/loader';
import { IMPORT_ACTION, UnmetSearchAggregate } from '../contracts/api';
import { todayInSweden } from '../core/dates';
import { ActionLimits } from '../core/limits';
import { OfficerDirectory } from '../core/officer-repository';
import { Caller } from '../core/person';
import { REGIONS } from '../core/vocabulary';
import { Db } from '../db';
import { t } from '../i18n';
import { DownloadError, DownloadPolicy, downloadFile } from '../imports/file-download';
import { KeptReads } from '../imports/kept-reads';
import { uploadStore } from '../imports/upload-repository';
import { Logger } from '../logger';
import { RegionYear, administrationCard, complianceCard, spendClosedCard, spendPreviewCard, spendResultCard } from './cards';
import { ComplianceCommand, parseComplianceCommand } from './commands';
import { ReadLedger, isLedgerFile } from './read/parse';
import { SpendImportError, SpendService } from './service';

/**
 * The spend capability's chat, as plain functions (no SDK types): the avtalstrohet command, a ledger
 * sent in the 1:1 chat (preview) and the preview card's buttons. Roles are checked before anything is read.
 */
export type Answer = AdaptiveCardJson | string;

export interface SpendActionDeps {
  db: Db;
  spend: SpendService;
  officers: OfficerDirectory;
  download: DownloadPolicy;
  inkopEmail: string;
  logger: Logger;
  limits?: ActionLimits;
  now?: () => Date;
  /** The contract capability's unmet searches (aggregates) for "avtalslösa områden"; null when not available. */
  unmet?: () => Promise<readonly UnmetSearchAggregate[] | null>;
}

/** How many earlier years the trend shows. */
export const TREND_YEARS = 3;

const token = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
/** Ledgers waiting for their buttons: a contract file's token is not found here (nor a ledger's by the contract buttons). */
const uploads = uploadStore('spend');
const applyPayload = z.object({ token });

export interface ChatLedger {
  name: string;
  downloadUrl: string;
  fileType: string;
  /** Set here when the file is fetched and left to the next capability (it is not fetched twice). */
  fetched?: Buffer;
}

export function createSpendActions(deps: SpendActionDeps) {
  // Parses kept between a preview and its button (the file is parsed once); a restart parses again from the stored file.
  const kept = new KeptReads<ReadLedger>();
  const thisYear = () => Number(todayInSweden(deps.now?.()).slice(0, 4));

  async function regionYear(region: string, year: number): Promise<RegionYear> {
    const figures = await deps.spend.figures(region, year);
    const years = (await deps.spend.years(region)).filter((y) => y < year && y >= year - TREND_YEARS).sort();
    const trend = [];
    for (const y of years) trend.push({ year: y, share: (await deps.spend.figures(region, y)).total.share });
    return { figures, trend };
  }

  async function administration(caller: Caller, cmd: ComplianceCommand & { forvaltning: string }): Promise<Answer> {
    const { locale } = caller;
    const found = await deps.spend.findForvaltning(cmd.forvaltning);
    const inRegion = found.filter((f) => !cmd.region || f.region === cmd.region);
    const exact = inRegion.filter((f) => f.forvaltning.toLowerCase() === cmd.forvaltning.toLowerCase());
    const hits = exact.length > 0 ? exact : inRegion;
    if (hits.length === 0) return t(locale, 'spend.admin.notFound', { name: cmd.forvaltning });
    if (hits.length > 1) return t(locale, 'spend.admin.several', { names: hits.map((h) => `${h.forvaltning} (${h.region})`).join(', ') });
    const year = cmd.year ?? (await deps.spend.years(hits[0].region))[0] ?? thisYear();
    return administrationCard(locale, await deps.spend.figures(hits[0].region, year, hits[0].forvaltning), hits[0].forvaltning);
  }

  async function officersView(caller: Caller, cmd: ComplianceCommand): Promise<Answer> {
    const { locale } = caller;
    if (!(await deps.officers.isOfficer(caller.person().aadId))) return t(locale, 'spend.refused.officersOnly');
    const year = cmd.year ?? (await deps.spend.years(cmd.region))[0] ?? thisYear();
    const out: RegionYear[] = [];
    for (const r of cmd.region ? [cmd.region] : [...REGIONS]) out.push(await regionYear(r, year));
    return complianceCard(locale, year, out, deps.unmet ? await deps.unmet() : null);
  }

  return {
    /**
     * "avtalstrohet [år] [region]" for officers (private: answered in the 1:1 chat when asked in a channel);
     * "avtalstrohet <förvaltning>" for anyone (aggregates only, answered where asked).
     */
    async compliance(caller: Caller, text: string): Promise<{ answer: Answer; private: boolean }> {
      const cmd = parseComplianceCommand(text);
      if (cmd.forvaltning) return { answer: await administration(caller, { ...cmd, forvaltning: cmd.forvaltning }), private: false };
      return { answer: await officersView(caller, cmd), private: true };
    },

    /**
     * A file in the 1:1 chat: officers only; a file whose header is not a supplier ledger is left to the
     * next capability (false). A ledger is parsed once (off the event loop), previewed as a dry run, and
     * kept under a token for Importera.
     */
    async receiveFile(caller: Caller, file: ChatLedger): Promise<Answer | false> {
      if (!['csv', 'xlsx', 'txt'].includes(file.fileType)) return false;
      const me = caller.person();
      if (!(await deps.officers.isOfficer(me.aadId))) return false;
      // Beyond the per-officer limit nothing is fetched: the contract import says so.
      if (!(deps.limits?.within(IMPORT_ACTION, me.aadId) ?? true)) return false;
      let bytes: Buffer;
      try {
        bytes = await downloadFile(file.downloadUrl, deps.download);
      } catch (err) {
        // The contract import downloads it again and says what went wrong.
        if (err instanceof DownloadError) return false;
        throw err;
      }
      if (!(await isLedgerFile(bytes))) {
        file.fetched = bytes;
        return false;
      }
      const { locale } = caller;
      if (!(deps.limits?.allow(IMPORT_ACTION, me.aadId) ?? true)) return t(locale, 'common.tooMany');
      try {
        const ledger = await deps.spend.parse(bytes, locale);
        const report = await deps.spend.apply(ledger, { dryRun: true, fileName: file.name, actor: { source: 'teams', id: me.aadId, name: me.name }, locale });
        const tok = await uploads.save(deps.db, { officerAadId: me.aadId, fileName: file.name, bytes });
        kept.keep(tok, ledger);
        return spendPreviewCard(locale, tok, file.name, report);
      } catch (err) {
        if (!(err instanceof SpendImportError)) throw err;
        await deps.spend.logRefusal(err, { fileName: file.name, actor: { source: 'teams', id: me.aadId, name: me.name } });
        return err.message;
      }
    },

    /** Importera: the kept parse (or the stored file parsed again) applied once; the result card. */
    async apply(caller: Caller, data: unknown): Promise<Answer> {
      const { locale } = caller;
      const p = applyPayload.safeParse(data);
      if (!p.success) return t(locale, 'common.cardDataInvalid');
      const me = caller.person();
      if (!(await deps.officers.isOfficer(me.aadId))) return t(locale, 'spend.import.notOfficer', { email: deps.inkopEmail });
      const upload = await uploads.find(deps.db, p.data.token);
      if (!upload) return spendClosedCard(locale, '', 'gone');
      if (upload.officerAadId !== me.aadId.toLowerCase()) return t(locale, 'spend.import.notYours');
      const claimed = await uploads.claim(deps.db, upload.token, me.aadId);
      if (!claimed) return t(locale, 'spend.import.busy');
      try {
        const ledger = kept.get(claimed.token) ?? (await deps.spend.parse(claimed.bytes, locale));
        const report = await deps.spend.apply(ledger, { dryRun: false, fileName: claimed.fileName, actor: { source: 'teams', id: me.aadId, name: me.name }, locale });
        kept.drop(claimed.token);
        await uploads.delete(deps.db, claimed.token, me.aadId);
        return spendResultCard(locale, claimed.fileName, report);
      } catch (err) {
        await uploads.release(deps.db, claimed.token);
        if (err instanceof SpendImportError) return err.message;
        throw err;
      }
    },

    /** Avbryt: the file and its parse dropped. */
    async cancel(caller: Caller, data: unknown): Promise<Answer> {
      const { locale } = caller;
      const p = applyPayload.safeParse(data);
      if (!p.success) return t(locale, 'common.cardDataInvalid');
      const me = caller.person();
      const upload = await uploads.find(deps.db, p.data.token);
      if (!upload) return spendClosedCard(locale, '', 'gone');
      if (upload.officerAadId !== me.aadId.toLowerCase()) return t(locale, 'spend.import.notYours');
      kept.drop(upload.token);
      await uploads.delete(deps.db, upload.token, me.aadId);
      return spendClosedCard(locale, upload.fileName, 'cancelled');
    },
  };
}

export type SpendActions = ReturnType<typeof createSpendActions>;
