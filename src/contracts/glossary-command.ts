import { Locale, t } from '../i18n';
import { MAX_TERM_LENGTH, parseGlossaryCommand } from './glossary';
import { deleteGlossaryEntry, listGlossaryEntries, saveGlossaryEntry } from './glossary-repository';
import { invalidateSearchCache } from './search-repository';
import { OfficerDirectory } from '../core/officer-repository';
import { Db } from '../db';

/** Who asked and how to answer them (in the chat, or privately when asked in a channel). */
export interface GlossaryAsker {
  locale: Locale;
  aadId: string;
  say(text: string): Promise<void>;
  sayPrivately(text: string): Promise<void>;
}

/** "ordlista …": officers list, add and remove English product words (role checked before anything is read). */
export async function glossaryCommand(deps: { officers: OfficerDirectory; db: Db }, asker: GlossaryAsker, text: string): Promise<void> {
  const { locale } = asker;
  const { officers, db } = deps;
  if (!(await officers.isOfficer(asker.aadId))) return asker.say(t(locale, 'errors.forbidden'));
  const cmd = parseGlossaryCommand(text);
  if (cmd.action === 'invalid') return asker.say(t(locale, 'contracts.glossary.usage', { max: MAX_TERM_LENGTH }));
  if (cmd.action === 'add') {
    await saveGlossaryEntry(db, { en: cmd.en, sv: cmd.sv });
    invalidateSearchCache(db);
    return asker.say(t(locale, 'contracts.glossary.added', { en: cmd.en, sv: cmd.sv }));
  }
  if (cmd.action === 'remove') {
    const removed = await deleteGlossaryEntry(db, cmd.en);
    invalidateSearchCache(db);
    return asker.say(t(locale, removed ? 'contracts.glossary.removed' : 'contracts.glossary.notFound', { en: cmd.en }));
  }
  const entries = await listGlossaryEntries(db);
  const lines = entries.map((e) => `- ${e.en} → ${e.sv}`).join('\n');
  await asker.sayPrivately(entries.length > 0 ? `**${t(locale, 'contracts.glossary.listTitle', { count: entries.length })}**\n\n${lines}` : t(locale, 'contracts.glossary.empty'));
}
