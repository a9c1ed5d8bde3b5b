import { randomUUID } from 'node:crypto';
import { TurnState } from '@microsoft/teams-ai';
import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { BotApp } from '../bot/teams';
import { messageText, turnLocale } from '../bot/turn';
import { VERBS } from '../cards/verbs';
import { todayInSweden } from '../contracts/model';
import { cut } from '../core/text';
import { Db } from '../db';
import { Locale, t } from '../i18n';
import { person } from '../bot/identity';
import { PrivateReply } from '../bot/private-reply';
import { IntakeError } from '../intake/service';
import { calculate, isCalculatorQuestion } from './calculator';
import { calculatorCard, policyAnswerCard, ticketCard } from './cards';
import { PolicyModel, modelAnswerActivity } from './model';
import { MAX_QUESTION_LENGTH } from './query';
import { retrieve } from './retrieval';
import { TicketService } from './tickets';

export interface PolicyBotDeps {
  db: Db;
  tickets: TicketService;
  /** The optional language model; without it answers come from the documents directly. */
  model?: PolicyModel | null;
  now?: () => Date;
}

const askPayload = z.object({ question: z.string().trim().min(1).max(MAX_QUESTION_LENGTH), askId: z.string().uuid().optional() });
const questionPayload = z.object({ q: z.string().trim().min(1).max(MAX_QUESTION_LENGTH) });
const feedbackReaction = z.enum(['like', 'dislike']);
const answerPayload = z.object({
  ticketNumber: z.string().regex(/^FR-\d{4}-\d{4,6}$/i),
  answer: z.string().trim().min(1).max(4000),
  kb: z.enum(['true', 'false']).optional(),
});

/**
 * Answers a question: the rule calculator when it names an amount to buy for; else the language model
 * (when configured) grounded in the documents, accepted only with at least one valid citation; else
 * passages from the documents, or an honest "no reliable answer" with a person to ask.
 */
export function createPolicyReply(deps: PolicyBotDeps) {
  return async function replyWithAnswer(ctx: TurnContext, state: TurnState, asked: string): Promise<void> {
    const question = cut(asked, MAX_QUESTION_LENGTH);
    const locale = turnLocale(ctx);
    const today = todayInSweden(deps.now?.());
    if (isCalculatorQuestion(question)) {
      const c = calculate(question, today);
      if (c) return void (await ctx.sendActivity({ attachments: [calculatorCard(locale, c, question)] }));
    }
    if (deps.model) {
      const a = await deps.model.answer(ctx, state, question);
      if (a && (a.streamed || a.cited.length > 0)) {
        const sent = a.streamed ? { id: a.streamId } : await ctx.sendActivity(modelAnswerActivity(a));
        const cited = a.cited.map((n) => ({ n, section: a.passages[n - 1].section, doc: a.passages[n - 1].docPath }));
        await deps.db.query('INSERT INTO policy_answers (activity_id, question, answer, sources, asker_aad_id) VALUES ($1, $2, $3, $4::jsonb, $5)', [
          sent?.id ?? null,
          question,
          a.text,
          JSON.stringify(cited),
          person(ctx).aadId,
        ]);
        // A streamed answer is already on screen; if it cites nothing, show the passages beside it.
        if (a.cited.length > 0) return;
      }
    }
    const r = await retrieve(deps.db, question, 3);
    await ctx.sendActivity({ attachments: [policyAnswerCard(locale, r)] });
  };
}
export type PolicyReply = ReturnType<typeof createPolicyReply>;

const ASK_COMMAND = /^(fr[aå]ga\s+en\s+ink[oö]pare|ask\s+a\s+(procurement\s+)?officer)\s*[:,-]?\s*/i;
/** The "Policyfråga" command from the Teams command menu, alone or followed by the question. */
const POLICY_COMMAND = /^(policy\s*fr[aå]ga|policy\s+question)\s*[:,.!?-]?\s*/i;

export function register(app: BotApp, deps: PolicyBotDeps & { replyWithAnswer: PolicyReply; privateReply: PrivateReply }): void {
  const { tickets, replyWithAnswer } = deps;
  const year = () => Number(todayInSweden(deps.now?.()).slice(0, 4));
  const refused = (locale: Locale, err: unknown) => {
    if (err instanceof IntakeError) {
      if (err.code === 'forbidden') return t(locale, 'intake.errorsApi.forbidden');
      const key = err.code === 'closed' ? 'policy.ticket.alreadyAnswered' : 'policy.ticket.notFound';
      return t(locale, key, { ticketNumber: err.params.caseNumber ?? '' });
    }
    throw err;
  };

  async function ask(ctx: TurnContext, question: string, askId: string): Promise<void> {
    const locale = turnLocale(ctx);
    const asker = person(ctx);
    // Per asker: a shared ask button in a group chat gives each person their own question.
    try {
      const { ticket } = await tickets.ask(question, { ...asker, locale }, `${askId}:${asker.aadId}`, year());
      await ctx.sendActivity(t(locale, 'policy.ticket.sent', { ticketNumber: ticket.ticketNumber }));
    } catch (err) {
      if (!(err instanceof IntakeError && err.code === 'too-many')) throw err;
      await ctx.sendActivity(t(locale, 'common.tooMany'));
    }
  }

  app.adaptiveCards.actionSubmit(VERBS.policyAsk, async (ctx, _state, data) => {
    const p = askPayload.safeParse(data ?? {});
    if (!p.success) return void (await ctx.sendActivity(t(turnLocale(ctx), 'common.cardDataInvalid')));
    // One ticket per button, even when it is pressed twice.
    await ask(ctx, p.data.question, p.data.askId ?? `${ctx.activity.replyToId ?? randomUUID()}:${p.data.question}`);
  });

  app.message(async (ctx) => ASK_COMMAND.test(messageText(ctx)), async (ctx) => {
    const question = messageText(ctx).replace(ASK_COMMAND, '').trim().slice(0, MAX_QUESTION_LENGTH);
    if (!question) return void (await ctx.sendActivity(t(turnLocale(ctx), 'policy.ticket.emptyQuestion')));
    await ask(ctx, question, ctx.activity.id ?? randomUUID());
  });

  app.message(async (ctx) => POLICY_COMMAND.test(messageText(ctx)), async (ctx, state) => {
    const question = messageText(ctx).replace(POLICY_COMMAND, '').trim().slice(0, MAX_QUESTION_LENGTH);
    if (!question) return void (await ctx.sendActivity(t(turnLocale(ctx), 'policy.prompt')));
    await replyWithAnswer(ctx, state, question);
  });

  app.adaptiveCards.actionSubmit(VERBS.policyQuestion, async (ctx, state, data) => {
    const p = questionPayload.safeParse(data ?? {});
    if (!p.success) return void (await ctx.sendActivity(t(turnLocale(ctx), 'common.cardDataInvalid')));
    await replyWithAnswer(ctx, state, p.data.q);
  });

  // Thumbs up/down on model answers, stored with the question they answered.
  app.feedbackLoop(async (ctx, _state, data) => {
    // Only a real thumbs up or down is stored; anything else is not feedback (and is not counted as "like").
    const reaction = feedbackReaction.safeParse(data.actionValue?.reaction);
    if (!reaction.success) return;
    const raw: unknown = data.actionValue?.feedback;
    const feedback = typeof raw === 'string' ? raw : JSON.stringify(raw ?? '');
    await deps.db.query(
      `INSERT INTO policy_feedback (answer_id, reply_to_id, reaction, feedback, user_aad_id)
       VALUES ((SELECT id FROM policy_answers WHERE activity_id = $1 ORDER BY id DESC LIMIT 1), $1, $2, $3, $4)`,
      [data.replyToId ?? ctx.activity.replyToId ?? null, reaction.data, feedback.slice(0, 2000), person(ctx).aadId],
    );
  });

  app.adaptiveCards.actionSubmit(VERBS.menuPolicy, async (ctx) => {
    await ctx.sendActivity(t(turnLocale(ctx), 'policy.prompt'));
  });

  app.adaptiveCards.actionExecute(VERBS.ticketAnswer, async (ctx, _state, data) => {
    const locale = turnLocale(ctx);
    const p = answerPayload.safeParse(data ?? {});
    if (!p.success) return t(locale, 'common.cardDataInvalid');
    try {
      const ticket = await tickets.answer(p.data.ticketNumber, person(ctx), p.data.answer, p.data.kb === 'true');
      return ticketCard(locale, ticket).content as never;
    } catch (err) {
      return refused(locale, err);
    }
  });

  app.message(async (ctx) => /^(kunskapsbank(en)?\s+f[oö]rslag|kb[- ]f[oö]rslag|knowledge\s+base\s+suggestions)\s*$/i.test(messageText(ctx)), async (ctx) => {
    const locale = turnLocale(ctx);
    try {
      const list = await tickets.kbSuggestions(person(ctx));
      const lines = list.map((x) => t(locale, 'policy.ticket.kbItem', { ticketNumber: x.ticketNumber, question: x.question, answer: x.answer ?? '' }));
      await deps.privateReply(ctx, list.length ? `**${t(locale, 'policy.ticket.kbListTitle')}**\n\n${lines.map((l) => `- ${l}`).join('\n')}` : t(locale, 'policy.ticket.kbEmpty'));
    } catch (err) {
      await ctx.sendActivity(refused(locale, err));
    }
  });
}
