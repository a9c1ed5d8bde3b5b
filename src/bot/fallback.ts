import { ActivityTypes } from 'botbuilder';
import { parseSearchCommand } from '../contracts/command';
import { SearchReply } from '../contracts/bot';
import { parseQuery } from '../contracts/search-query';
import { t } from '../i18n';
import { BotApp } from './teams';
import { messageText, turnLocale } from './turn';

/**
 * The catch-all, registered last: plain text is read as a contract search; a card submit with a verb
 * nobody handles, or text with nothing to search for, gets a helpful answer instead of silence.
 */
export function register(app: BotApp, deps: { replyWithSearch: SearchReply }): void {
  app.activity(ActivityTypes.Message, async (ctx) => {
    const locale = turnLocale(ctx);
    const text = messageText(ctx);
    if (!text) {
      await ctx.sendActivity(t(locale, ctx.activity.value ? 'common.cardDataInvalid' : 'common.notUnderstood'));
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
}
