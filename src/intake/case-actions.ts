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
type Action = (actor: Caller, data: unknown) => Promise<CardOrText>;

export function createCaseActions(deps: { intake: IntakeService; officers: OfficerDirectory }): Record<string, Action> {
  const { intake, officers } = deps;

  // The officers' channel card, as the answer to the officer who acted. The message itself (with its
  // Universal Actions refresh) is updated for everyone by the outbox; without `refresh` here, teams-ai
  // answers this officer only instead of making a second, synchronous update of the message.
  const officerCard = async (locale: Locale, caseNo: string): Promise<AdaptiveCardJson> => {
    const c = await intake.get(caseNo);
    if (!c) throw new DomainError('not-found', { caseNumber: caseNo });
    const { refresh: _refresh, ...rest } = caseCard(locale, c, await intake.events(c), await officers.refreshList());
    return rest as AdaptiveCardJson;
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
        if (err instanceof DomainError) return t(actor.locale, `intake.errorsApi.${err.code}`, err.params);
        throw err;
      }
    };

  return {
    [VERBS.caseRefresh]: action(payloads.caseOnly, async (a, d) => {
      // The officers' card shows the submitter and the whole history: for officers only, like its buttons.
      if (!(await officers.isOfficer(a.person().aadId))) throw new DomainError('forbidden');
      return officerCard(a.locale, d.caseNumber);
    }),
    [VERBS.caseAssign]: action(payloads.caseOnly, async (a, d) => {
      await intake.assign(d.caseNumber, a.person());
      return officerCard(a.locale, d.caseNumber);
    }),
    [VERBS.caseSetStatus]: action(payloads.status, async (a, d) => {
      await intake.transition(d.caseNumber, d.status, a.person(), d.comment?.trim() || null);
      return officerCard(a.locale, d.caseNumber);
    }),
    [VERBS.caseAsk]: action(payloads.ask, async (a, d) => {
      await intake.ask(d.caseNumber, a.person(), d.question);
      return officerCard(a.locale, d.caseNumber);
    }),
    [VERBS.caseAnswer]: action(payloads.answer, async (a, d) => {
      const c = await intake.answer(d.caseNumber, a.person(), d.answer);
      return t(a.locale, 'intake.notice.answerThanks', { caseNumber: c.caseNumber });
    }),
    [VERBS.caseWithdraw]: action(payloads.withdraw, async (a, d) => {
      const me = a.person();
      const c = await intake.get(d.caseNumber);
      if (!c || c.submitter.aadId !== me.aadId) return t(a.locale, 'intake.errorsApi.forbiddenOwn');
      await intake.transition(d.caseNumber, 'atertagen', me, d.comment?.trim() || null);
      return caseListCard(a.locale, await intake.listFor(me, 'mine'), { officerView: false, undelivered: [], viewerAadId: me.aadId });
    }),
  };
}
