import { ContractSearch, ContractView, contractsEnding } from '../contracts/api';
import { addDays, todayInSweden } from '../core/dates';
import { OfficerDirectory } from '../core/officer-repository';
import { Person } from '../core/person';
import { Db } from '../db';
import { Locale } from '../i18n';
import { CaseRecord, IntakeService } from '../intake/api';
import { Logger } from '../logger';
import { LeadTime, Route } from '../rules/data';
import { addMonths } from './calendar';
import { reprocurementForm, routeHint } from './form';
import { PlanCase, PlanContract, PlanDecision, PlanItem, PlanSettings, buildPlan, contractItem, extensionRefusal, isRenewal } from './model';
import { insertDecision, listDecisions } from './repository';
import { PlanPublication, listPublications, publishItem, unpublishItem } from './public-repository';
import { itemKey } from './public';
import { CoordinationInput, CoordinationMark, NO_MARK, applyCoordination } from '../core/coordination';
import { listContractMarks, saveContractMark } from './coordination-repository';
import { ContractRouteDefaults } from './route-defaults';

/**
 * The procurement plan as operations: reading the plan (the catalogue's contracts ending within the
 * horizon, the open cases, the officers' decisions) and acting from it. Officers only, checked here
 * whatever a card offered; every decision is stored with who made it and when.
 */
export interface PlanConfig {
  horizonMonths: number;
  noticeMonths: number;
  implementationDays: number;
  alertWeeks: number;
  staffMonths: number;
  digestDay: number | null;
  digestTime: string;
  leadTimes: Record<Route, LeadTime>;
  contractRoutes: ContractRouteDefaults;
}

export interface PlanDeps {
  db: Db;
  intake: IntakeService;
  contracts: ContractSearch;
  officers: OfficerDirectory;
  config: PlanConfig;
  now?: () => Date;
  logger?: Logger;
}

/** Why the plan refuses an action, in words the Teams handler looks up under plan.refused.<code>. */
export class PlanRefusal extends Error {
  constructor(
    readonly code: 'forbidden' | 'not-found' | 'no-option' | 'not-later' | 'beyond-option' | 'expired' | 'not-in-plan',
    readonly params: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'PlanRefusal';
  }
}

const key = (contractId: string) => contractId.trim().toLowerCase();

/** A case as the plan reads it; an old or damaged row without an assessment gives a case without a route (a data problem). */
export function toPlanCase(c: CaseRecord, fromPlan = false): PlanCase {
  const a = (c.assessment ?? {}) as Partial<CaseRecord['assessment']>;
  return {
    caseNumber: c.caseNumber,
    title: c.title,
    category: c.category,
    categoryName: c.categoryName,
    status: c.status,
    desiredStart: c.desiredStart ?? null,
    route: a.route ?? c.route ?? null,
    leadTime: a.leadTime ?? null,
    linkedContractId: c.linkedContractId ?? null,
    fromPlan,
  };
}

export const toPlanContract = (c: ContractView | PlanContract): PlanContract => ({
  contractId: c.contractId,
  title: c.title,
  category: c.category,
  categoryName: c.categoryName,
  contractType: c.contractType,
  regions: c.regions,
  validFrom: c.validFrom,
  validTo: c.validTo,
  maxExtensionTo: c.maxExtensionTo,
});

/** The contracts with an extension decided to a new end on or after `day` (the latest decision counts): still current, whatever the catalogue's end. */
export function extendedTo(decisions: readonly PlanDecision[], day: string): string[] {
  const newEnd = new Map<string, { id: string; end: string | null }>();
  for (const d of decisions) if (d.kind === 'extend') newEnd.set(key(d.contractId), { id: d.contractId, end: d.newEnd });
  return [...newEnd.values()].filter((e) => e.end !== null && e.end >= day).map((e) => e.id);
}

export function createPlanService(deps: PlanDeps) {
  const { db, intake, contracts, config } = deps;
  const today = () => todayInSweden(deps.now?.());
  const settings = (day: string): PlanSettings => ({ today: day, ...config });

  async function requireOfficer(actor: Person): Promise<void> {
    if (!(await deps.officers.isOfficer(actor.aadId))) throw new PlanRefusal('forbidden');
  }

  /** The contract from the catalogue, its plan item without a renewal, and its open renewal case's number, if any. */
  async function current(contractId: string): Promise<{ contract: PlanContract; item: PlanItem; renewal: string | undefined }> {
    const day = today();
    const view = await contracts.get(contractId, day);
    if (!view) throw new PlanRefusal('not-found', { contractId });
    const contract = toPlanContract(view);
    const renewal = (await intake.linkedOpenCases([contract.contractId])).find(isRenewal)?.caseNumber;
    const item = contractItem(contract, undefined, await listDecisions(db, contract.contractId), settings(day));
    return { contract, item, renewal };
  }

  /** The plan's record of a started case; a failure only loses the history line (the next start skips a closed case's key). */
  async function recordStart(contractId: string, caseNumber: string, actor: Person): Promise<void> {
    try {
      await insertDecision(db, { contractId, kind: 'case-started', caseNumber, actor });
    } catch (err) {
      deps.logger?.warn({ err: (err as Error).message, contractId, caseNumber }, 'plan: case started but not recorded');
    }
  }

  /** The cases among the open ones that were started from the plan (one indexed query over their contracts). */
  async function startedFromPlan(open: readonly CaseRecord[]): Promise<Set<string>> {
    const ids = [...new Set(open.flatMap((c) => (c.linkedContractId ? [c.linkedContractId] : [])))];
    if (ids.length === 0) return new Set();
    return new Set((await intake.linkedOpenCases(ids)).filter((c) => c.fromPlan).map((c) => c.caseNumber));
  }

  /** The whole plan on a day (default today), sorted by latest start. */
async function readPlan(day = today()): Promise<PlanItem[]> {
    const s = settings(day);
    const decisions = await listDecisions(db);
    // Contracts whose current end is within reach of the horizon plus the longest lead time: the plan keeps
    // those whose earliest day to act (decision, latest start) falls within the horizon (see inPlan).
    const longest = Math.max(...Object.values(s.leadTimes).map((l) => l.maxDays)) + s.implementationDays;
    const until = addDays(addMonths(day, s.horizonMonths), longest);
    const [ending, open] = await Promise.all([contractsEnding(db, day, until, extendedTo(decisions, day)), intake.openCases()]);
    const [fromPlan, marks] = await Promise.all([startedFromPlan(open), listContractMarks(db)]);
    const items = buildPlan(ending.map(toPlanContract), open.map((c) => toPlanCase(c, fromPlan.has(c.caseNumber))), decisions, s);
    // "Ska samordnas": a case's mark is the case's own (intake), a contract's is the plan's.
    const caseMarks = new Map(open.map((c) => [c.caseNumber, c.coordination]));
    const contractMarks = new Map(marks.map((m) => [key(m.contractId), m.mark]));
    return items.map((i) => {
      const mark: CoordinationMark | undefined = i.kind === 'case' ? caseMarks.get(i.caseNumber ?? '') : contractMarks.get(key(i.contractId ?? ''));
      return mark?.marked ? { ...i, coordination: mark } : i;
    });
  }

  return {
    today,
    settings,

    plan: readPlan,

    /**
     * "Starta ärende": a re-procurement case linked to the contract, prefilled from it and posted to the
     * officers' channel like any need. A contract with an open renewal (isRenewal) gets that case; a need
     * staff sent that is still inkommen does not stop a start. The idempotency key counts the cases started
     * from the plan before, so a double click (or two officers at once) makes one case, and a new one can be
     * started after the last one closed. A key whose case is closed (its start was not recorded: the write
     * failed after the case committed) is recorded then and skipped, so no key is reused forever.
     */
    async startCase(contractId: string, actor: Person & { locale: string }, locale: Locale): Promise<{ case: CaseRecord; created: boolean }> {
      await requireOfficer(actor);
      // Counted before the open cases are read: a start recorded in between always has its case visible.
      let starts = (await listDecisions(db, contractId)).filter((d) => d.kind === 'case-started').length;
      const { contract, item, renewal } = await current(contractId);
      const open = renewal ? await intake.get(renewal) : null;
      if (open) return { case: open, created: false };
      const day = today();
      const input = {
        form: reprocurementForm(item, contract, day, locale),
        submitter: actor,
        contractCheck: { matches: [], choice: 'none' as const },
        submittedOn: day,
        linkedContractId: contract.contractId,
        routeHint: routeHint(item.route),
      };
      for (let skipped = 0; ; skipped++) {
        const result = await intake.submit({ ...input, idempotencyKey: `plan:${key(contract.contractId)}:${starts}` });
        if (result.created) await recordStart(contract.contractId, result.case.caseNumber, actor);
        const stillOpen = async () => (await intake.linkedOpenCases([contract.contractId])).some((c) => c.caseNumber === result.case.caseNumber);
        if (result.created || skipped >= 10 || (await stillOpen())) return result;
        await recordStart(contract.contractId, result.case.caseNumber, actor);
        starts++;
      }
    },

    /** "Förläng": the decision to extend to a new end within the option (the next import may confirm it). */
    async extend(contractId: string, newEnd: string, actor: Person): Promise<PlanDecision> {
      await requireOfficer(actor);
      const { contract } = await current(contractId);
      const refused = extensionRefusal(contract, newEnd, today());
      if (refused) throw new PlanRefusal(refused.code, refused.code === 'no-option' ? { contractId: contract.contractId } : { end: refused.end });
      return insertDecision(db, { contractId: contract.contractId, kind: 'extend', newEnd, actor });
    },

    /** "Ingen ny upphandling": the decision not to procure again, with the reason. */
    async noProcurement(contractId: string, reason: string, actor: Person): Promise<PlanDecision> {
      await requireOfficer(actor);
      const { contract } = await current(contractId);
      return insertDecision(db, { contractId: contract.contractId, kind: 'no-procurement', reason, actor });
    },

    /** The published plan items (what GET /plan shows, joined with the plan). */
    publications: (): Promise<PlanPublication[]> => listPublications(db),

    /** "Publicera i planen": the item (still in the plan) under a public title, quarter and kind of procedure. */
    async publish(publication: PlanPublication, actor: Person): Promise<PlanItem> {
      await requireOfficer(actor);
      const item = (await readPlan()).find((i) => itemKey(i) === publication.itemKey);
      if (!item) throw new PlanRefusal('not-in-plan');
      await publishItem(db, publication);
      return item;
    },

    /** "Ta bort ur planen": the item is no longer public (false: it was not published). */
    async unpublish(key: string, actor: Person): Promise<boolean> {
      await requireOfficer(actor);
      return unpublishItem(db, key);
    },

    /**
     * "Ska samordnas" on a plan item, and why it was not coordinated: a case's mark is stored on the case (by
     * intake, which refuses a reason for a case procured for both regions), a contract's in the plan.
     */
    async coordinate(key_: string, input: CoordinationInput, actor: Person): Promise<PlanItem> {
      await requireOfficer(actor);
      const item = (await readPlan()).find((i) => itemKey(i) === key_);
      if (!item) throw new PlanRefusal('not-in-plan');
      if (item.kind === 'case' && item.caseNumber) {
        const c = await intake.setCoordination(item.caseNumber, actor, input, deps.now?.() ?? new Date());
        return { ...item, coordination: c.coordination };
      }
      const mark = applyCoordination(item.coordination ?? NO_MARK, input, (deps.now?.() ?? new Date()).toISOString());
      await saveContractMark(db, item.contractId as string, item.title, mark);
      return { ...item, coordination: mark };
    },

    isOfficer: (aadId: string) => deps.officers.isOfficer(aadId),
  };
}

export type PlanService = ReturnType<typeof createPlanService>;
