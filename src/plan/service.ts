import { ContractSearch, ContractView, contractsEnding } from '../contracts/api';
import { todayInSweden } from '../core/dates';
import { OfficerDirectory } from '../core/officer-repository';
import { Person } from '../core/person';
import { Db } from '../db';
import { Locale } from '../i18n';
import { CaseRecord, IntakeService } from '../intake/api';
import { LeadTime, Route } from '../rules/data';
import { addMonths } from './calendar';
import { reprocurementForm } from './form';
import { PlanCase, PlanContract, PlanDecision, PlanItem, PlanSettings, buildPlan, contractEnds, contractItem } from './model';
import { insertDecision, listDecisions } from './repository';
import { ContractRouteDefaults } from './route-defaults';

/**
 * The procurement plan as operations: reading the plan (the catalogue's contracts ending within the
 * horizon, the open cases, the officers' decisions) and acting from it. Officers only, checked here
 * whatever a card offered; every decision is stored with who made it and when.
 */
export interface PlanConfig {
  horizonMonths: number;
  noticeMonths: number;
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
  /** Told after a case was started from the plan (the renewal status drops its cached links). */
  onCaseStarted?: () => void;
}

/** Why the plan refuses an action, in words the Teams handler looks up under plan.refused.<code>. */
export class PlanRefusal extends Error {
  constructor(
    readonly code: 'forbidden' | 'not-found' | 'no-option' | 'not-later' | 'beyond-option',
    readonly params: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'PlanRefusal';
  }
}

const key = (contractId: string) => contractId.trim().toLowerCase();

/** A case as the plan reads it; an old or damaged row without an assessment gives a case without a route (a data problem). */
export function toPlanCase(c: CaseRecord): PlanCase {
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

/** The first open case (by number) linked to each contract, by lower-case contract id. */
export function openLinks(cases: readonly CaseRecord[]): Map<string, CaseRecord> {
  const links = new Map<string, CaseRecord>();
  for (const c of [...cases].sort((a, b) => a.caseNumber.localeCompare(b.caseNumber))) {
    if (c.linkedContractId && !links.has(key(c.linkedContractId))) links.set(key(c.linkedContractId), c);
  }
  return links;
}

export function createPlanService(deps: PlanDeps) {
  const { db, intake, contracts, config } = deps;
  const today = () => todayInSweden(deps.now?.());
  const settings = (day: string): PlanSettings => ({ today: day, ...config });

  async function requireOfficer(actor: Person): Promise<void> {
    if (!(await deps.officers.isOfficer(actor.aadId))) throw new PlanRefusal('forbidden');
  }

  /** The contract from the catalogue and its plan item as it stands now (with its linked open case, if any). */
  async function current(contractId: string): Promise<{ contract: PlanContract; item: PlanItem; linked: CaseRecord | undefined }> {
    const day = today();
    const view = await contracts.get(contractId, day);
    if (!view) throw new PlanRefusal('not-found', { contractId });
    const contract = toPlanContract(view);
    const linked = openLinks(await intake.openCases()).get(key(contract.contractId));
    const item = contractItem(contract, linked && toPlanCase(linked), await listDecisions(db, contract.contractId), settings(day));
    return { contract, item, linked };
  }

  return {
    today,
    settings,

    /** The whole plan on a day (default today), sorted by latest start. */
    async plan(day = today()): Promise<PlanItem[]> {
      const s = settings(day);
      const [ending, open, decisions] = await Promise.all([contractsEnding(db, day, addMonths(day, s.horizonMonths)), intake.openCases(), listDecisions(db)]);
      return buildPlan(ending.map(toPlanContract), open.map(toPlanCase), decisions, s);
    },

    /**
     * "Starta ärende": a re-procurement case linked to the contract, prefilled from it and posted to the
     * officers' channel like any need. A contract with an open linked case gets that case. The idempotency
     * key counts the cases started from the plan before, so a double click (or two officers at once) makes
     * one case, and a new one can be started after the last one closed.
     */
    async startCase(contractId: string, actor: Person & { locale: string }, locale: Locale): Promise<{ case: CaseRecord; created: boolean }> {
      await requireOfficer(actor);
      // Counted before the open cases are read: a start recorded in between always has its case visible.
      const starts = (await listDecisions(db, contractId)).filter((d) => d.kind === 'case-started').length;
      const { contract, item, linked } = await current(contractId);
      if (linked) return { case: linked, created: false };
      const day = today();
      const result = await intake.submit({
        form: reprocurementForm(item, contract, day, locale),
        idempotencyKey: `plan:${key(contract.contractId)}:${starts}`,
        submitter: actor,
        contractCheck: { matches: [], choice: 'none' },
        submittedOn: day,
        linkedContractId: contract.contractId,
      });
      if (result.created) await insertDecision(db, { contractId: contract.contractId, kind: 'case-started', caseNumber: result.case.caseNumber, actor });
      deps.onCaseStarted?.();
      return result;
    },

    /** "Förläng": the decision to extend to a new end within the option (the next import may confirm it). */
    async extend(contractId: string, newEnd: string, actor: Person): Promise<PlanDecision> {
      await requireOfficer(actor);
      const { contract } = await current(contractId);
      const ends = contractEnds(contract);
      if (!ends.currentEnd || !ends.maxExtension || ends.maxExtension <= ends.currentEnd) throw new PlanRefusal('no-option', { contractId: contract.contractId });
      if (newEnd <= ends.currentEnd) throw new PlanRefusal('not-later', { end: ends.currentEnd });
      if (newEnd > ends.maxExtension) throw new PlanRefusal('beyond-option', { end: ends.maxExtension });
      return insertDecision(db, { contractId: contract.contractId, kind: 'extend', newEnd, actor });
    },

    /** "Ingen ny upphandling": the decision not to procure again, with the reason. */
    async noProcurement(contractId: string, reason: string, actor: Person): Promise<PlanDecision> {
      await requireOfficer(actor);
      const { contract } = await current(contractId);
      return insertDecision(db, { contractId: contract.contractId, kind: 'no-procurement', reason, actor });
    },

    isOfficer: (aadId: string) => deps.officers.isOfficer(aadId),
  };
}

export type PlanService = ReturnType<typeof createPlanService>;
