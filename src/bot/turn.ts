import { TurnContext } from 'botbuilder';
import { Locale, localeFrom } from '../i18n';

/** The user's language for this turn: the activity's locale, else Teams' clientInfo entity, else Swedish. */
export function turnLocale(ctx: TurnContext): Locale {
  const a = ctx.activity;
  if (a.locale) return localeFrom(a.locale);
  const clientInfo = (a.entities ?? []).find((e) => e.type === 'clientInfo') as { locale?: string } | undefined;
  return localeFrom(clientInfo?.locale);
}

/** Text of a message with @mentions of the bot removed and white space tidied. */
export function messageText(ctx: TurnContext): string {
  return (ctx.activity.text ?? '').replace(/<at>[^<]*<\/at>/gi, ' ').replace(/\s+/g, ' ').trim();
}
