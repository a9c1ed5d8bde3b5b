import { TurnContext } from 'botbuilder';
import { person, turnLocale } from '../bot/turn';
import { t } from '../i18n';
import { MAX_TERM_LENGTH, parseGlossaryCommand } from './glossary';
import { deleteGlossaryEntry, listGlossaryEntries, saveGlossaryEntry } from './glossary-repository';
import { invalidateSearchCache } from './search-repository';
import type { ImportTeamsDeps } from './teams';

/** "ordlista …": officers list, add and remove English product words (role checked before anything is read). */
export async function glossaryCommand(deps: Pick<ImportTeamsDeps, 'officers' | 'db' | 'privateReply'>, ctx: TurnContext, text: string): Promise<void> {
  const locale = turnLocale(ctx);
  const { officers, db, privateReply } = deps;
  if (!(await officers.isOfficer(person(ctx).aadId))) return void (await ctx.sendActivity(t(locale, 'intake.errorsApi.forbidden')));
  const cmd = parseGlossaryCommand(text);
  if (cmd.action === 'invalid') return void (await ctx.sendActivity(t(locale, 'contracts.glossary.usage', { max: MAX_TERM_LENGTH })));
  if (cmd.action === 'add') {
    await saveGlossaryEntry(db, { en: cmd.en, sv: cmd.sv });
    invalidateSearchCache(db);
    return void (await ctx.sendActivity(t(locale, 'contracts.glossary.added', { en: cmd.en, sv: cmd.sv })));
  }
  if (cmd.action === 'remove') {
    const removed = await deleteGlossaryEntry(db, cmd.en);
    invalidateSearchCache(db);
    return void (await ctx.sendActivity(t(locale, removed ? 'contracts.glossary.removed' : 'contracts.glossary.notFound', { en: cmd.en })));
  }
  const entries = await listGlossaryEntries(db);
  const lines = entries.map((e) => `- ${e.en} → ${e.sv}`).join('\n');
  await privateReply(ctx, entries.length > 0 ? `**${t(locale, 'contracts.glossary.listTitle', { count: entries.length })}**\n\n${lines}` : t(locale, 'contracts.glossary.empty'));
}
