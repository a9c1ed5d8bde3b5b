import { TurnContext } from 'botbuilder';
import { MAX_MESSAGE_CHARS, cut } from '../core/text';
import { Locale, localeFrom } from '../i18n';

/** The user's language for this turn: the activity's locale, else Teams' clientInfo entity, else Swedish. */
export function turnLocale(ctx: TurnContext): Locale {
  const a = ctx.activity;
  if (a.locale) return localeFrom(a.locale);
  const clientInfo = (a.entities ?? []).find((e) => e.type === 'clientInfo') as { locale?: string } | undefined;
  return localeFrom(clientInfo?.locale);
}

/**
 * Text of a message with @mentions of the bot removed and white space tidied, cut to MAX_MESSAGE_CHARS
 * before any command, question or amount parser sees it.
 */
export function messageText(ctx: TurnContext): string {
  const raw = cut(ctx.activity.text ?? '', 4 * MAX_MESSAGE_CHARS);
  return cut(raw.replace(/<at>[^<]*<\/at>/gi, ' ').replace(/\s+/g, ' ').trim());
}
