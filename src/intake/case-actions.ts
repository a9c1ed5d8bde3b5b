import { z } from 'zod';
import { AdaptiveCardJson } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { DomainError } from '../core/errors';
import { OfficerDirectory } from '../core/officer-repository';
import { Caller } from '../core/person';
import { Locale, t } from '../i18n';
import { caseCard, caseListCard } from './cards';
import { CASE_STATUSES } from './lifecycle';
import { IntakeService } from './service';
import { appealInputSchema, contractDetailsSchema, contractIdSchema, outcomeInputSchema } from './outcome';
import { coordinationInputSchema } from '../core/coordination';
import { ContractSearch } from '../contracts/api';
import { formatDate } from '../i18n/format';
import { CardProblem } from './outcome-cards';
import { refusalText } from './errors';

/** The messages an outcome form's check may give (intake.outcomeErrors.<key>). */
const OUTCOME_ERRORS = ['choose', 'contractId', 'date', 'causeRequired', 'tooLong', 'nothing', 'appealCauseRequired', 'reasonRequired', 'notMarked', 'noteTooLong'];

/**
 * The buttons on the officers' case card and on the submitter's question and case list, as plain
 * functions: card data in (validated here), the card or message to show out. Who may do what is
 * decided by the intake service, whatever the card offered.
 */
const caseNumber = z.string().trim().regex(/^INK-\d{4}-\d{4,6}$/i);
const payloads = {
  caseOnly: z.object({ caseNumber }),
  status: z.object({ caseNumber, status: z.enum(CASE_STATUSES), comment: z.string().max(1000).optional() }),
  ask: z.object({ caseNumber, question: z.string().trim().min(2).max(1000) }),
  answer: z.object({ caseNumber, answer: z.string().trim().min(1).max(2000) }),
  withdraw: z.object({ caseNumber, comment: z.string().max(500).optional() }),
};

type CardOrText = AdaptiveCardJson | string;

/** The outcome forms' fields as the card sends them (the contract from the typeahead or typed). */
const outcomeForm = z
  .object({
    caseNumber,
    outcome: z.string().max(40).optional(),
    contractPick: z.string().max(100).optional(),
    contractTyped: z.string().max(100).optional(),
    actualStart: z.string().max(40).optional(),
    cause: z.string().max(60).optional(),
    outcomeComment: z.string().max(2000).optional(),
    appealed: z.string().max(10).optional(),
    appealOutcome: z.string().max(40).optional(),
    appealCause: z.string().max(40).optional(),
    appealCauseNote: z.string().max(2000).optional(),
    shouldCoordinate: z.string().max(10).optional(),
    coordinationReason: z.string().max(40).optional(),
    coordinationNote: z.string().max(2000).optional(),
  })
  .passthrough();
type OutcomeForm = z.infer<typeof outcomeForm>;
const contractOf = (d: OutcomeForm) => d.contractTyped?.trim() || d.contractPick?.trim() || undefined;
type Action = (actor: Caller, data: unknown) => Promise<CardOrText>;

export function createCaseActions(deps: {
  intake: IntakeService;
  officers: OfficerDirectory;
  /** Whether the catalogue holds a contract (an unknown id is recorded with a note). */
  contractKnown: (contractId: string) => Promise<boolean>;
  today: () => string;
}): Record<string, Action> {
  const { intake, officers } = deps;

  // The officers' channel card, as the answer to the officer who acted. The message itself (with its
  // Universal Actions refresh) is updated for everyone by the outbox; without `refresh` here, teams-ai
  // answers this officer only instead of making a second, synchronous update of the message.
  const officerCard = async (locale: Locale, caseNo: string, problem?: CardProblem): Promise<CardOrText> => {
    const c = await intake.get(caseNo);
    // Only officers reach here; a case that is gone (or never was) is a message, not a failed turn.
    if (!c) return t(locale, 'intake.errorsApi.not-found', { caseNumber: caseNo });
    const { refresh: _refresh, ...rest } = caseCard(locale, c, await intake.events(c), await officers.refreshList(), problem);
    return rest as AdaptiveCardJson;
  };

  /**
   * The officers' verbs: the role is checked before the data is parsed or any case is read, so a
   * non-officer gets the same answer whether the case exists or not, and never any part of it.
   */
  const officersOnly =
    (run: Action): Action =>
    async (actor, data) => {
      if (!(await officers.isOfficer(actor.person().aadId))) return t(actor.locale, 'errors.forbidden');
      return run(actor, data);
    };

  /**
   * An outcome form: parsed, run, and on a refusal the card comes back with the message and everything
   * typed kept, nothing recorded. A contract id the catalogue does not hold yet is recorded with a note.
   */
  const outcomeAction =
    <T extends z.ZodTypeAny>(schema: T, toInput: (d: OutcomeForm) => unknown, run: (a: Caller, d: OutcomeForm, input: z.infer<T>) => Promise<unknown>): Action =>
    async (actor, data) => {
      const form = outcomeForm.safeParse(data ?? {});
      if (!form.success) return t(actor.locale, 'common.cardDataInvalid');
      const d = form.data;
      const values = { ...d, caseNumber: undefined };
      const parsed = schema.safeParse(toInput(d));
      if (!parsed.success) {
        const key = parsed.error.issues[0]?.message ?? 'invalid';
        return officerCard(actor.locale, d.caseNumber, { message: t(actor.locale, `intake.outcomeErrors.${OUTCOME_ERRORS.includes(key) ? key : 'invalid'}`), values });
      }
      try {
        await run(actor, d, parsed.data);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        if (err.code === 'forbidden' || err.code === 'not-found') return refusalText(actor.locale, err);
        return officerCard(actor.locale, d.caseNumber, { message: refusalText(actor.locale, err), values });
      }
      const contractId = contractOf(d);
      if (contractId && !(await deps.contractKnown(contractId))) {
        return officerCard(actor.locale, d.caseNumber, { message: t(actor.locale, 'intake.case.contractUnknown', { contractId }), values: {} });
      }
      return officerCard(actor.locale, d.caseNumber);
    };

  /** Validates the data, runs the action, and turns a refusal into a message in the user's language. */
  const action =
    <T extends z.ZodTypeAny>(schema: T, run: (actor: Caller, data: z.infer<T>) => Promise<CardOrText>): Action =>
    async (actor, data) => {
      const p = schema.safeParse(data ?? {});
      if (!p.success) return t(actor.locale, 'common.cardDataInvalid');
      try {
        return await run(actor, p.data);
      } catch (err) {
        if (err instanceof DomainError) return refusalText(actor.locale, err);
        throw err;
      }
    };

  return {
    [VERBS.caseOutcome]: officersOnly(outcomeAction(
      outcomeInputSchema,
      (d) => ({ outcome: d.outcome, contractId: contractOf(d), actualStart: d.actualStart, cause: d.cause, comment: d.outcomeComment }),
      (a, d, input) => intake.recordOutcome(d.caseNumber, a.person(), input, deps.today()),
    )),
    [VERBS.caseContract]: officersOnly(outcomeAction(
      contractDetailsSchema,
      (d) => ({ contractId: contractOf(d), actualStart: d.actualStart }),
      (a, d, input) => intake.setContractDetails(d.caseNumber, a.person(), input, deps.today()),
    )),
    [VERBS.caseAppeal]: officersOnly(outcomeAction(
      appealInputSchema,
      (d) => ({ appealed: d.appealed, appealOutcome: d.appealOutcome, appealCause: d.appealCause, appealCauseNote: d.appealCauseNote }),
      (a, d, input) => intake.setAppeal(d.caseNumber, a.person(), input),
    )),
    // "Ska samordnas" and, when it was not coordinated, why (src/core/coordination.ts).
    [VERBS.caseCoordination]: officersOnly(outcomeAction(
      coordinationInputSchema,
      (d) => ({ marked: d.shouldCoordinate, reason: d.coordinationReason, note: d.coordinationNote }),
      (a, d, input) => intake.setCoordination(d.caseNumber, a.person(), input),
    )),
    // The officers' card shows the submitter and the whole history: for officers only, like its buttons.
    [VERBS.caseRefresh]: officersOnly(action(payloads.caseOnly, async (a, d) => officerCard(a.locale, d.caseNumber))),
    [VERBS.caseAssign]: officersOnly(
      action(payloads.caseOnly, async (a, d) => {
        await intake.assign(d.caseNumber, a.person());
        return officerCard(a.locale, d.caseNumber);
      }),
    ),
    // A submitter withdraws with case.withdraw (answered with their own list), never with this officers' verb.
    [VERBS.caseSetStatus]: officersOnly(
      action(payloads.status, async (a, d) => {
        await intake.transition(d.caseNumber, d.status, a.person(), d.comment?.trim() || null);
        return officerCard(a.locale, d.caseNumber);
      }),
    ),
    [VERBS.caseAsk]: officersOnly(
      action(payloads.ask, async (a, d) => {
        await intake.ask(d.caseNumber, a.person(), d.question);
        return officerCard(a.locale, d.caseNumber);
      }),
    ),
    // The submitter's verbs: a case that is not theirs and a case that does not exist get the same answer.
    [VERBS.caseAnswer]: action(payloads.answer, async (a, d) => {
      try {
        const c = await intake.answer(d.caseNumber, a.person(), d.answer);
        return t(a.locale, 'intake.notice.answerThanks', { caseNumber: c.caseNumber });
      } catch (err) {
        if (err instanceof DomainError && (err.code === 'forbidden' || err.code === 'not-found')) return t(a.locale, 'intake.errorsApi.notYours', { caseNumber: d.caseNumber });
        throw err;
      }
    }),
    [VERBS.caseWithdraw]: action(payloads.withdraw, async (a, d) => {
      const me = a.person();
      const c = await intake.get(d.caseNumber);
      if (!c || c.submitter.aadId !== me.aadId) return t(a.locale, 'intake.errorsApi.notYours', { caseNumber: d.caseNumber });
      await intake.transition(d.caseNumber, 'atertagen', me, d.comment?.trim() || null);
      return caseListCard(a.locale, await intake.listFor(me, 'mine'), { officerView: false, undelivered: [], viewerAadId: me.aadId });
    }),
  };
}

/** The case card's contract typeahead: an id as typed first, then the catalogue's best matches (any status). */
export async function contractTypeahead(contracts: ContractSearch, text: string, today: string, top = 15): Promise<{ title: string; value: string }[]> {
  const q = text.trim().slice(0, 100);
  if (q.length < 2) return [];
  const exact = contractIdSchema.safeParse(q).success ? await contracts.get(q, today) : null;
  const found = await contracts.search({ q, status: 'all', limit: top, today });
  const items = [...(exact ? [exact] : []), ...found.items.filter((c) => c.contractId !== exact?.contractId)].slice(0, top);
  return items.map((c) => ({ title: `${c.contractId} – ${c.title}`, value: c.contractId }));
}

/** "avtalsstart INK-2026-0007 2027-03-01 [AV-123]": the actual start (and the contract) added after the signing. */
export async function contractStartCommand(intake: IntakeService, actor: Caller, text: string, today: string): Promise<string> {
  const m = /(INK-\d{4}-\d{4,6})\s+(\S+)(?:\s+(\S+))?\s*$/i.exec(text);
  if (!m) return t(actor.locale, 'intake.contractStart.usage');
  const details = contractDetailsSchema.safeParse({ actualStart: m[2], contractId: m[3] });
  if (!details.success) return t(actor.locale, `intake.outcomeErrors.${OUTCOME_ERRORS.includes(details.error.issues[0]?.message) ? details.error.issues[0].message : 'invalid'}`);
  try {
    const c = await intake.setContractDetails(m[1], actor.person(), details.data, today);
    return t(actor.locale, 'intake.contractStart.saved', { caseNumber: c.caseNumber, date: formatDate(actor.locale, c.actualStart ?? ''), contractId: c.contractId ?? '–' });
  } catch (err) {
    if (err instanceof DomainError) return refusalText(actor.locale, err);
    throw err;
  }
}
