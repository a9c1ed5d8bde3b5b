import { IntakeError } from './errors';
import { Person } from '../core/person';
import { Queryable } from '../db';
import { OutboxMessage, enqueue } from '../outbox/repository';
import { CaseStatus } from './lifecycle';
import { APPEALABLE, AppealInput, ContractDetails, OUTCOME_RULES, OutcomeInput, actualStartProblem, endedCoordinated } from './outcome';
import { setAppeal, setContractDetails, setCoordination, setOutcome } from './outcome-repository';
import { CoordinationInput, applyCoordination } from '../core/coordination';
import { channelCard, submitterNotice as notice } from './notices';
import { CaseRecord, addEvent } from './repository';

/** What the outcome operations borrow from the intake service: its transaction, lock and role check. */
export interface OutcomeOps {
  inTx<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  locked(tx: Queryable, caseNumber: string): Promise<CaseRecord>;
  requireOfficer(actor: Person): Promise<void>;
  /** Runs in the transaction after a status change (the NKI survey starts at "avtal tecknat"). */
  afterStatus?: (tx: Queryable, c: CaseRecord, to: CaseStatus, actor: Person) => Promise<void>;
  /** Runs in the transaction when the actual contract start becomes known or changes. */
  afterActualStart?: (tx: Queryable, c: CaseRecord) => Promise<void>;
}

function checkActualStart(c: CaseRecord, actualStart: string | undefined, today: string): void {
  if (!actualStart) return;
  const problem = actualStartProblem(actualStart, c.submittedOn, today);
  if (problem) throw new IntakeError(problem === 'tooEarly' ? 'actual-start-early' : 'actual-start-late', { actualStart, submittedOn: c.submittedOn });
}

/** What the submitter hears when the officer records how their need ended. */
function outcomeNotice(c: CaseRecord, comment: string | undefined): OutboxMessage {
  const params: Record<string, string> = { comment: comment ?? '', contractId: c.contractId ?? '', date: c.actualStart ?? '' };
  if (c.outcome === 'upphandlad') return notice(c, c.actualStart ? 'intake.notice.procuredWithStart' : 'intake.notice.procured', params);
  if (c.outcome === 'avbruten') return notice(c, 'intake.notice.cancelled', { ...params, cause: c.cancelCause ?? '' });
  if (c.outcome === 'befintligt-avtal') return notice(c, 'intake.notice.existingContract', params);
  return notice(c, 'intake.notice.status', { status: c.status, comment: comment ?? '' });
}

/**
 * Recording how a case ended, adding the resulting contract and its actual start later, and noting an
 * appeal. Officers only; each writes the case, a case event (who, when) and the notices in one transaction.
 */
export function createOutcomeOperations(ops: OutcomeOps) {
  return {
    async recordOutcome(caseNumber: string, actor: Person, input: OutcomeInput, today: string): Promise<CaseRecord> {
      await ops.requireOfficer(actor);
      return ops.inTx(async (tx) => {
        const c = await ops.locked(tx, caseNumber);
        const rule = OUTCOME_RULES[input.outcome];
        if (!rule.from.includes(c.status)) throw new IntakeError('outcome-not-allowed', { outcome: input.outcome, status: c.status });
        const procured = input.outcome === 'upphandlad';
        if (input.actualStart && !procured) throw new IntakeError('start-needs-procured');
        if (input.contractId && !procured && input.outcome !== 'befintligt-avtal') throw new IntakeError('contract-needs-outcome');
        checkActualStart(c, input.actualStart, today);
        const recorded = {
          status: rule.status,
          outcome: input.outcome,
          contractId: input.contractId ?? null,
          actualStart: input.actualStart ?? null,
          cancelCause: input.outcome === 'avbruten' ? (input.cause ?? 'annat') : null,
        };
        await setOutcome(tx, c.id, recorded);
        // The outcome, contract, start and cause are on the case; the event keeps who, when, to what, and the comment.
        await addEvent(tx, c.id, { kind: 'outcome', actor, fromStatus: c.status, toStatus: rule.status, comment: input.comment ?? null });
        const updated: CaseRecord = { ...c, ...recorded, cancelCause: recorded.cancelCause, pendingQuestion: null, wentToProcurement: c.wentToProcurement || procured || input.outcome === 'avbruten' };
        await enqueue(tx, [channelCard(updated), outcomeNotice(updated, input.comment)]);
        await ops.afterStatus?.(tx, updated, rule.status, actor);
        return updated;
      });
    },

    /** The resulting contract and its actual start, when they were not known at the signing (or were wrong). */
    async setContractDetails(caseNumber: string, actor: Person, details: ContractDetails, today: string): Promise<CaseRecord> {
      await ops.requireOfficer(actor);
      return ops.inTx(async (tx) => {
        const c = await ops.locked(tx, caseNumber);
        if (c.outcome !== 'upphandlad' && !(c.outcome === 'befintligt-avtal' && !details.actualStart)) {
          throw new IntakeError('not-procured', { caseNumber: c.caseNumber });
        }
        checkActualStart(c, details.actualStart, today);
        await setContractDetails(tx, c.id, details);
        await addEvent(tx, c.id, { kind: 'contract', actor, fromStatus: null, toStatus: null, comment: [details.contractId, details.actualStart].filter(Boolean).join(' · ') });
        const updated: CaseRecord = { ...c, contractId: details.contractId ?? c.contractId, actualStart: details.actualStart ?? c.actualStart };
        const notices = [channelCard(updated)];
        if (details.actualStart && details.actualStart !== c.actualStart) {
          notices.push(notice(updated, 'intake.notice.actualStart', { date: details.actualStart, contractId: updated.contractId ?? '' }));
          await ops.afterActualStart?.(tx, updated);
        }
        await enqueue(tx, notices);
        return updated;
      });
    },

    /** Notes that the procurement was appealed (överprövad) and what came of it, or takes the note back. */
    async setAppeal(caseNumber: string, actor: Person, input: AppealInput): Promise<CaseRecord> {
      await ops.requireOfficer(actor);
      return ops.inTx(async (tx) => {
        const c = await ops.locked(tx, caseNumber);
        if (!APPEALABLE.includes(c.status) || !c.wentToProcurement) throw new IntakeError('not-appealable', { status: c.status });
        const appeal = {
          appealed: input.appealed,
          outcome: input.appealed ? (input.appealOutcome ?? 'pagar') : null,
          cause: input.appealed ? (input.appealCause ?? null) : null,
          causeNote: input.appealed ? (input.appealCauseNote ?? null) : null,
        };
        await setAppeal(tx, c.id, appeal);
        await addEvent(tx, c.id, { kind: 'appeal', actor, fromStatus: null, toStatus: null, comment: appeal.outcome });
        const updated: CaseRecord = { ...c, appeal };
        await enqueue(tx, [channelCard(updated)]);
        return updated;
      });
    },

    /**
     * "Ska samordnas" on the case and, when it did not end as a procurement for both regions, why. A reason
     * on a case procured for both regions is refused (it was coordinated).
     */
    async setCoordination(caseNumber: string, actor: Person, input: CoordinationInput, now: Date = new Date()): Promise<CaseRecord> {
      await ops.requireOfficer(actor);
      return ops.inTx(async (tx) => {
        const c = await ops.locked(tx, caseNumber);
        if (input.reason !== undefined && endedCoordinated(c)) throw new IntakeError('coordinated-already', { caseNumber: c.caseNumber });
        const coordination = applyCoordination(c.coordination, input, now.toISOString());
        await setCoordination(tx, c.id, coordination);
        // The history keeps who and when, and the reason's code (never the note: it may name people).
        await addEvent(tx, c.id, { kind: 'coordination', actor, fromStatus: null, toStatus: null, comment: coordination.marked ? (coordination.reason ?? 'marked') : 'unmarked' });
        const updated: CaseRecord = { ...c, coordination };
        await enqueue(tx, [channelCard(updated)]);
        return updated;
      });
    },
  };
}
