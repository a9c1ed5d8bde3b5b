import { randomUUID } from 'node:crypto';
import { TurnState } from '@microsoft/teams-ai';
import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { BotApp, TeamsParts } from '../bot/teams';
import { person, PrivateReply, turnLocale } from '../bot/turn';
import { asAttachment } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { cut } from '../util/text';
import { Db } from '../db';
import { Locale, t } from '../i18n';
import { MAX_AMOUNT_SEK, calculate, calculateFor, isCalculatorQuestion } from './calculator';
import { ASK_PREFIX, QUESTION_PREFIX } from './commands';
import { calculatorCard, policyAnswerCard, ticketCard } from './cards';
import { recordFeedback, recordModelAnswer } from './repository';
import { PolicyModel, modelAnswerActivity } from './teams-model';
import { MAX_QUESTION_LENGTH } from './query';
import { retrieve } from './retrieval';
import { TicketService } from './tickets';
import { PublishService, listReply, publishAction, withdrawAction, withdrawCommand } from './published';
import { todayInSweden } from '../core/dates';
import { DomainError } from '../core/errors';
import { PURCHASE_KINDS, PurchaseKind } from '../rules/data';

export interface PolicyTeamsDeps {
  db: Db;
  tickets: TicketService;
  /** Officers' answers published to the knowledge base. */
  published: PublishService;
  /** The optional language model; without it answers come from the documents directly. */
  model?: PolicyModel | null;
  now?: () => Date;
}

const askPayload = z.object({ question: z.string().trim().min(1).max(MAX_QUESTION_LENGTH), askId: z.string().uuid().optional() });
const questionPayload = z.object({ q: z.string().trim().min(1).max(MAX_QUESTION_LENGTH) });
const feedbackReaction = z.enum(['like', 'dislike']);
/** A calculator button: the same amount as another kind of purchase. The amount comes back as the card wrote it. */
const calcKindPayload = z.object({
  amount: z.union([z.number(), z.string().regex(/^\d{1,12}$/)]).pipe(z.coerce.number().int().min(0).max(MAX_AMOUNT_SEK)),
  kind: z.enum(PURCHASE_KINDS as [PurchaseKind, ...PurchaseKind[]]),
  q: z.string().trim().max(MAX_QUESTION_LENGTH).optional(),
});
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
function createPolicyReply(deps: PolicyTeamsDeps) {
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
        await recordModelAnswer(deps.db, { activityId: sent?.id ?? null, question, answer: a.text, sources: cited, askerAadId: person(ctx).aadId });
        // A streamed answer is already on screen; if it cites nothing, show the passages beside it.
        if (a.cited.length > 0) return;
      }
    }
    // The question's own words decide its language; only when they do not, the turn's language does.
    const r = await retrieve(deps.db, question, 3, { locale });
    await ctx.sendActivity({ attachments: [policyAnswerCard(locale, r)] });
  };
}


/** Policy guidance in Teams: questions, the calculator, the optional model, questions to officers, feedback. */
export function policyTeams(deps: PolicyTeamsDeps & { privateReply: PrivateReply }): TeamsParts {
  const { tickets } = deps;
  const replyWithAnswer = createPolicyReply(deps);
  const year = () => Number(todayInSweden(deps.now?.()).slice(0, 4));
  const refused = (locale: Locale, err: unknown) => {
    if (err instanceof DomainError) {
      if (err.code === 'forbidden') return t(locale, 'errors.forbidden');
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
      if (!(err instanceof DomainError && err.code === 'too-many')) throw err;
      await ctx.sendActivity(t(locale, 'common.tooMany'));
    }
  }


  return {
    commands: {
      // "Policyfråga" from the command menu, alone or followed by the question.
      'policy.question': async (ctx, text, state) => {
        const question = text.replace(QUESTION_PREFIX, '').trim().slice(0, MAX_QUESTION_LENGTH);
        if (!question) return void (await ctx.sendActivity(t(turnLocale(ctx), 'policy.prompt')));
        await replyWithAnswer(ctx, state, question);
      },
      // A question typed without a command.
      // A question typed without a command; an amount goes to the calculator whatever else the words say.
      'policy.free-question': async (ctx, text, state, reading) => {
        if (reading?.intent === 'amount') {
          const c = calculate(cut(text, MAX_QUESTION_LENGTH), todayInSweden(deps.now?.()));
          if (c) return void (await ctx.sendActivity({ attachments: [calculatorCard(reading.language ?? turnLocale(ctx), c, cut(text, MAX_QUESTION_LENGTH))] }));
        }
        await replyWithAnswer(ctx, state, text);
      },
      'policy.ask': async (ctx, text) => {
        const question = text.replace(ASK_PREFIX, '').trim().slice(0, MAX_QUESTION_LENGTH);
        if (!question) return void (await ctx.sendActivity(t(turnLocale(ctx), 'policy.ticket.emptyQuestion')));
        await ask(ctx, question, ctx.activity.id ?? randomUUID());
      },
      'policy.kb': async (ctx) => {
        const locale = turnLocale(ctx);
        try {
          const list = await tickets.kbSuggestions(person(ctx));
          const lines = list.map((x) => t(locale, 'policy.ticket.kbItem', { ticketNumber: x.ticketNumber, question: x.question, answer: x.answer ?? '' }));
          await deps.privateReply(ctx, list.length ? `**${t(locale, 'policy.ticket.kbListTitle')}**\n\n${lines.map((l) => `- ${l}`).join('\n')}` : t(locale, 'policy.ticket.kbEmpty'));
        } catch (err) {
          await ctx.sendActivity(refused(locale, err));
        }
      },
      // The published answers, to the officer alone (from a channel, in their 1:1 chat).
      'policy.published': async (ctx) => {
        const { card, text } = await listReply(deps.published, turnLocale(ctx), person(ctx));
        if (card) await deps.privateReply(ctx, { attachments: [asAttachment(card)] });
        else await ctx.sendActivity(text ?? '');
      },
      'policy.withdraw': async (ctx, text) => {
        await ctx.sendActivity(await withdrawCommand(deps.published, turnLocale(ctx), person(ctx), text));
      },
    },
    register(app: BotApp) {
      app.adaptiveCards.actionSubmit(VERBS.policyAsk, async (ctx, _state, data) => {
        const p = askPayload.safeParse(data ?? {});
        if (!p.success) return void (await ctx.sendActivity(t(turnLocale(ctx), 'common.cardDataInvalid')));
        // One ticket per button, even when it is pressed twice.
        await ask(ctx, p.data.question, p.data.askId ?? `${ctx.activity.replyToId ?? randomUUID()}:${p.data.question}`);
      });

      // "Räkna som byggentreprenad": the calculator again for the same amount, as the kind the person chose.
      app.adaptiveCards.actionSubmit(VERBS.policyCalcKind, async (ctx, _state, data) => {
        const locale = turnLocale(ctx);
        const p = calcKindPayload.safeParse(data ?? {});
        if (!p.success) return void (await ctx.sendActivity(t(locale, 'policy.calc.invalidButton')));
        const c = calculateFor(p.data.amount, { kind: p.data.kind, label: 'ospecificerat', group: null, chosen: true }, todayInSweden(deps.now?.()));
        await ctx.sendActivity({ attachments: [calculatorCard(locale, c, p.data.q ?? '')] });
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
        await recordFeedback(deps.db, { replyToId: data.replyToId ?? ctx.activity.replyToId ?? null, reaction: reaction.data, feedback: feedback.slice(0, 2000), userAadId: person(ctx).aadId });
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

      // "Publicera i kunskapsbanken" on an answered ticket card; "Dra tillbaka" on the list of published answers.
      app.adaptiveCards.actionExecute(VERBS.ticketPublish, async (ctx, _state, data) => (await publishAction(deps.published, turnLocale(ctx), person(ctx), data)) as never);
      app.adaptiveCards.actionExecute(VERBS.kbWithdraw, async (ctx, _state, data) => (await withdrawAction(deps.published, turnLocale(ctx), person(ctx), data)) as never);
    },
  };
}
