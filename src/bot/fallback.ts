import { ActivityTypes } from 'botbuilder';
import { parseSearchCommand } from '../contracts/command';
import { SearchReply } from '../contracts/bot';
import { parseQuery } from '../contracts/search-query';
import { PolicyReply } from '../policy/bot';
import { isQuestion } from '../policy/intent';
import { t } from '../i18n';
import { BotApp, invokeMessage } from './teams';
import { messageText, turnLocale } from './turn';

/**
 * The catch-all, registered last. Without a model, a question (question word, modal or "?") goes to
 * policy guidance and anything else is read as a contract search; each answer card offers the other
 * path. A card submit with a verb nobody handles, or text with nothing in it, gets a helpful answer.
 */
export function register(app: BotApp, deps: { replyWithSearch: SearchReply; replyWithAnswer: PolicyReply }): void {
  app.activity(ActivityTypes.Message, async (ctx, state) => {
    const locale = turnLocale(ctx);
    const text = messageText(ctx);
    if (!text) {
      await ctx.sendActivity(t(locale, ctx.activity.value ? 'common.cardDataInvalid' : 'common.notUnderstood'));
      return;
    }
    if (isQuestion(text)) {
      await deps.replyWithAnswer(ctx, state, text);
      return;
    }
    const cmd = parseSearchCommand(text);
    const parsed = parseQuery(cmd.q);
    if (parsed.tokens.length === 0 && parsed.idKey === null) {
      await ctx.sendActivity(t(locale, 'common.notUnderstood'));
      return;
    }
    await deps.replyWithSearch(ctx, cmd.q, cmd.region);
  });

  // An invoke nobody handled (a verb this version does not know, a malformed action): a message on the
  // card or in the search box, or 400 for other invokes, instead of botbuilder's 501.
  app.activity(ActivityTypes.Invoke, async (ctx) => {
    const locale = turnLocale(ctx);
    const value = invokeMessage(ctx.activity, t(locale, 'common.cardDataInvalid')) ?? {
      status: 400,
      body: { type: 'about:blank', status: 400, title: t(locale, 'api.unknownInvoke') },
    };
    await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value });
  });
}
