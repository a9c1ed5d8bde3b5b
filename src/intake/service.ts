import { DomainError } from '../core/errors';
import { IntakeError } from './errors';
import { ActionLimits } from '../core/limits';
import { Db, Queryable } from '../db';
import { enqueue } from '../outbox/repository';
import { Assessment, assessNeed } from '../rules/assess';
import { DEFAULT_LEAD_TIMES, LeadTime, Route } from '../rules/data';
import { CaseStatus, allowedNext, canTransition, isTerminal } from './lifecycle';
import { NeedForm, isComplex } from './model';
import { OfficerDirectory } from '../core/officer-repository';
import {
  CaseRecord,
  ContractCheck,
  addEvent,
  assignCase,
  caseEvents,
  findCase,
  insertCase,
  listCases,
  nextCaseNumber,
  openCasesLinkedTo,
  setCaseStatus,
  setPendingQuestion,
} from './repository';
import { userTarget } from '../core/targets';
import { channelCard, submitterNotice } from './notices';
import { createOutcomeOperations } from './outcome-service';
import { Person } from '../core/person';

/** Where notices go: the officers' channel, and each user's 1:1 chat with the bot. */

export interface IntakeDeps {
  db: Db;
  officers: OfficerDirectory;
  leadTimes?: Partial<Record<Route, LeadTime>>;
  /** Per-person limits on creating cases (none when absent). */
  limits?: ActionLimits;
  /** Called after a commit that enqueued notices (the worker delivers them at once). */
  onEnqueued?: () => void;
  /** Runs inside the status change's transaction (starts the NKI survey when a contract is signed). */
  afterStatus?: (tx: Queryable, c: CaseRecord, to: CaseStatus, actor: Person) => Promise<void>;
  /** Runs inside the transaction that records a contract's actual start after the signing. */
  afterActualStart?: (tx: Queryable, c: CaseRecord) => Promise<void>;
  /** After each change has committed (a case's status may have moved a contract's renewal status). */
  afterCommit?: () => void;
}

export interface SubmitInput {
  form: NeedForm;
  idempotencyKey: string;
  submitter: Person & { locale: string };
  contractCheck: ContractCheck;
  submittedOn: string;
  /** The current contract this need renews or replaces (from the procurement plan or the contract check). */
  linkedContractId?: string;
  /** What the officer starting a re-procurement knows of its route: a call-off on a framework, or a complex procurement. */
  routeHint?: 'call-off' | 'complex';
}

/** The route, lead time and risk of a need, from the rules in force. */
function assessForm(
  form: NeedForm,
  submittedOn: string,
  existingContract: boolean,
  leadTimes: Record<Route, LeadTime>,
  routeHint?: SubmitInput['routeHint'],
): Assessment {
  return assessNeed(
    {
      totalValueSek: form.valueTotal,
      purchaseKind: form.purchaseKind as Parameters<typeof assessNeed>[0]['purchaseKind'],
      complex: isComplex(form) || routeHint === 'complex',
      callOff: routeHint === 'call-off',
      existingContract,
      submittedOn,
      desiredStart: form.desiredStart,
    },
    leadTimes,
  );
}

/** Writes a new case, its history and its notice in the caller's transaction. */
async function storeNewCase(tx: Queryable, input: SubmitInput, assessment: Assessment): Promise<{ case: CaseRecord; created: boolean }> {
  const useContract = input.contractCheck.choice === 'use-contract';
  const { caseNumber } = await nextCaseNumber(tx, Number(input.submittedOn.slice(0, 4)));
  const status: CaseStatus = useContract ? 'atertagen' : 'inkommen';
  const c = await insertCase(tx, { ...input, caseNumber, status, assessment });
  await addEvent(tx, c.id, { kind: 'created', actor: input.submitter, fromStatus: null, toStatus: 'inkommen', comment: null });
  if (useContract) {
    // Met by an existing contract: recorded for follow-up, no procurement, no notice to officers.
    await addEvent(tx, c.id, {
      kind: 'status',
      actor: input.submitter,
      fromStatus: 'inkommen',
      toStatus: 'atertagen',
      comment: `contract:${input.contractCheck.contractId ?? ''}`,
    });
  } else {
    await enqueue(tx, [channelCard(c)]);
  }
  return { case: c, created: true };
}

/**
 * Purchase needs as plain operations: each writes the case, its history and its notices in one
 * transaction, and checks on the server who may do what, whatever a card offered.
 */
export function createIntakeService(deps: IntakeDeps) {
  const { db, officers } = deps;
  const leadTimes = { ...DEFAULT_LEAD_TIMES, ...deps.leadTimes };

  async function inTx<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const result = await db.transaction(fn);
    deps.onEnqueued?.();
    deps.afterCommit?.();
    return result;
  }

  async function requireOfficer(actor: Person): Promise<void> {
    if (!(await officers.isOfficer(actor.aadId))) throw new DomainError('forbidden');
  }

  async function locked(tx: Queryable, caseNumber: string): Promise<CaseRecord> {
    const c = await findCase(tx, { caseNumber }, true);
    if (!c) throw new DomainError('not-found', { caseNumber });
    return c;
  }

  return {
    ...createOutcomeOperations({ inTx, locked, requireOfficer, afterStatus: deps.afterStatus, afterActualStart: deps.afterActualStart }),

    assess(form: NeedForm, submittedOn: string, existingContract = false, routeHint?: SubmitInput['routeHint']): Assessment {
      return assessForm(form, submittedOn, existingContract, leadTimes, routeHint);
    },


    /**
     * Stores a need. The same idempotency key (one per form card) always yields the same case, so a
     * double click or a retried request creates one case and one notice.
     */
    async submit(raw: SubmitInput): Promise<{ case: CaseRecord; created: boolean }> {
      const input = { ...raw, submitter: { ...raw.submitter, aadId: raw.submitter.aadId.toLowerCase() } };
      const existing = await findCase(db, { idempotencyKey: input.idempotencyKey });
      if (existing) return { case: existing, created: false };
      // On every path that creates a case (the form, "send anyway", "use the contract"), not only the form's.
      if (input.form.desiredStart < input.submittedOn) throw new IntakeError('past-start', { desiredStart: input.form.desiredStart });
      if (deps.limits && !deps.limits.allow('case', input.submitter.aadId)) throw new DomainError('too-many');
      const useContract = input.contractCheck.choice === 'use-contract';
      const assessment = this.assess(input.form, input.submittedOn, useContract, input.routeHint);
      try {
        return await inTx((tx) => storeNewCase(tx, input, assessment));
      } catch (err) {
        // Two submits raced on the same key: the other one won; answer with its case.
        const raced = await findCase(db, { idempotencyKey: input.idempotencyKey });
        if (raced) return { case: raced, created: false };
        throw err;
      }
    },

    async get(caseNumber: string): Promise<CaseRecord | null> {
      return findCase(db, { caseNumber });
    },

    events: (c: CaseRecord) => caseEvents(db, c.id),

    /** An officer takes the case; a new case moves to "under bedömning". */
    async assign(caseNumber: string, actor: Person): Promise<CaseRecord> {
      await requireOfficer(actor);
      return inTx(async (tx) => {
        const c = await locked(tx, caseNumber);
        if (isTerminal(c.status)) throw new DomainError('closed', { caseNumber });
        const toStatus: CaseStatus = c.status === 'inkommen' ? 'under-bedomning' : c.status;
        await assignCase(tx, c.id, actor, toStatus);
        await addEvent(tx, c.id, { kind: 'assigned', actor, fromStatus: c.status, toStatus, comment: null });
        const updated = { ...c, status: toStatus, assignee: actor };
        const notices = [channelCard(updated), submitterNotice(updated, 'intake.notice.assigned', { officer: actor.name })];
        if (toStatus !== c.status) notices.push(submitterNotice(updated, 'intake.notice.status', { status: toStatus }));
        await enqueue(tx, notices);
        return updated;
      });
    },

    /** Moves a case along its lifecycle. Officers: any allowed step; the submitter: only withdrawing their own. */
    async transition(caseNumber: string, to: CaseStatus, actor: Person, comment: string | null): Promise<CaseRecord> {
      const isOfficer = await officers.isOfficer(actor.aadId);
      return inTx(async (tx) => {
        const c = await locked(tx, caseNumber);
        const isSubmitter = c.submitter.aadId.toLowerCase() === actor.aadId.toLowerCase();
        if (!isOfficer && !isSubmitter) throw new DomainError('forbidden');
        const role = isOfficer ? 'officer' : 'submitter';
        if (!canTransition(c.status, to, role)) {
          if (!isOfficer && allowedNext(c.status, 'officer').includes(to)) throw new DomainError('forbidden');
          throw new DomainError('transition', { from: c.status, to });
        }
        await setCaseStatus(tx, c.id, to);
        await addEvent(tx, c.id, { kind: 'status', actor, fromStatus: c.status, toStatus: to, comment });
        // Read back: the status may have set the outcome (and, after a started procurement, its cause).
        const updated = (await findCase(tx, { id: c.id })) ?? { ...c, status: to };
        const notices = [channelCard(updated)];
        // The submitter hears of every change they did not make themselves.
        if (!isSubmitter) notices.push(submitterNotice(updated, 'intake.notice.status', { status: to, comment: comment ?? '' }));
        await enqueue(tx, notices);
        await deps.afterStatus?.(tx, updated, to, actor);
        return updated;
      });
    },

    /** An officer asks the submitter for more information; the question reaches them 1:1. */
    async ask(caseNumber: string, actor: Person, question: string): Promise<CaseRecord> {
      await requireOfficer(actor);
      return inTx(async (tx) => {
        const c = await locked(tx, caseNumber);
        if (isTerminal(c.status)) throw new DomainError('closed', { caseNumber });
        await setPendingQuestion(tx, c.id, question);
        await addEvent(tx, c.id, { kind: 'question', actor, fromStatus: null, toStatus: null, comment: question });
        const updated = { ...c, pendingQuestion: question };
        await enqueue(tx, [
          channelCard(updated),
          { kind: 'intake.submitter-question', caseId: c.id, target: userTarget(c.submitter.aadId), payload: { question, officer: actor.name } },
        ]);
        return updated;
      });
    },

    /** The submitter answers the open question; the answer lands on the case and the channel card. */
    async answer(caseNumber: string, actor: Person, answer: string): Promise<CaseRecord> {
      return inTx(async (tx) => {
        const c = await locked(tx, caseNumber);
        if (c.submitter.aadId.toLowerCase() !== actor.aadId.toLowerCase()) throw new DomainError('forbidden');
        if (!c.pendingQuestion) throw new IntakeError('no-question', { caseNumber });
        await setPendingQuestion(tx, c.id, null);
        await addEvent(tx, c.id, { kind: 'answer', actor, fromStatus: null, toStatus: null, comment: answer });
        const updated = { ...c, pendingQuestion: null };
        await enqueue(tx, [channelCard(updated)]);
        return updated;
      });
    },

    /** A submitter's own cases; an officer sees every open case. */
    async listFor(actor: Person, scope: 'mine' | 'all'): Promise<CaseRecord[]> {
      if (scope === 'all') {
        await requireOfficer(actor);
        return listCases(db, { openOnly: true, limit: 50 });
      }
      return listCases(db, { submitterAadId: actor.aadId.toLowerCase(), limit: 50 });
    },

    async casesOfYear(actor: Person, year: number): Promise<CaseRecord[]> {
      await requireOfficer(actor);
      return listCases(db, { year, limit: 100_000 });
    },

    /** Every case, newest first, for reports whose caller has checked access (the reports key, an officer). */
    allCases: (): Promise<CaseRecord[]> => listCases(db, { limit: 1_000_000 }),

    /** The open cases linked to these contracts (the plan's items and its starts); no role check. */
    linkedOpenCases: (contractIds: readonly string[]) => openCasesLinkedTo(db, contractIds),

    /** Every open case, newest first, for the procurement plan (the caller checks access). */
    openCases: (): Promise<CaseRecord[]> => listCases(db, { openOnly: true, limit: 100_000 }),
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
