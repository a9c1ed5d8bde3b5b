import { foldText } from '../util/text';

/**
 * Which language a question (or a document) is written in: Swedish or English, from its letters and
 * its small words. Plain functions. A question is answered from documents in its own language, so a
 * Swedish question typed in a client set to English (the Playground always sends en-US) still gets
 * Swedish passages, and an English question typed in a Swedish client gets English ones.
 */
export type Language = 'sv' | 'en';
export const LANGUAGES: readonly Language[] = ['sv', 'en'];

/** Words that only one of the two languages uses (compared before folding: "för" is not "for"). */
const SWEDISH = new Set(
  (
    'och att är jag vi det som för på med till inte en ett vad vem vilka vilken vilket hur när var varför får måste ' +
    'ska skall kan har hos om av från mig min mitt mina vår våra ni er sig sin någon något några finns gäller ' +
    'eller men också bara efter innan inför över mellan utan eftersom därför då sedan enligt vid kr kronor ' +
    'upphandling upphandla avtal avtalet avtalen inköp leverantör leverantören behov beställa gränsen'
  ).split(/\s+/),
);
const ENGLISH = new Set(
  (
    'the and is are what who whom whose which how when where why do does did can could may might must should shall ' +
    'will would we you your our my me it its this that these those there their they be been have has of for to on ' +
    'with from by about any some not no if than then please tell procurement contract contracts supplier suppliers ' +
    'purchase buy need limit threshold responsible'
  ).split(/\s+/),
);

export interface LanguageScore {
  sv: number;
  en: number;
}

/** Evidence for each language: a known small word counts 1, a word with å, ä or ö counts 2 for Swedish. */
export function languageScore(text: string): LanguageScore {
  const score = { sv: 0, en: 0 };
  for (const raw of text.toLowerCase().match(/[\p{L}]+/gu) ?? []) {
    if (/[åäö]/.test(raw)) score.sv += 2;
    else if (SWEDISH.has(raw)) score.sv += 1;
    if (ENGLISH.has(raw)) score.en += 1;
  }
  return score;
}

/** The language of a text, or null when it gives too little to go on ("NKI?", "LOU", a product name). */
export function detectLanguage(text: string): Language | null {
  const { sv, en } = languageScore(text);
  if (sv === en) return null;
  // One stray word of the other language ("the LOU limit?" vs "är LOU …") is outweighed, not a tie.
  return sv > en ? 'sv' : 'en';
}

/** A question's language: detected from its words, else the given fallback (the turn's locale, or Swedish). */
export function questionLanguage(text: string, fallback: Language = 'sv'): Language {
  return detectLanguage(text) ?? fallback;
}

/** The language a file name declares: "nki.en.md" is English, "nki.sv.md" Swedish, "nki.md" says nothing. */
export function languageFromFileName(name: string): Language | null {
  const m = /\.([a-z]{2})\.(md|markdown|txt)$/i.exec(name);
  const code = m?.[1].toLowerCase();
  return code === 'sv' || code === 'en' ? code : null;
}

/** A document's translation group: its path without the language part ("knowledge/nki.en.md" → "knowledge/nki"). */
export function translationGroup(docPath: string): string {
  return docPath.replace(/(\.(sv|en))?\.(md|markdown|txt)$/i, '');
}

/** Folded words of a text, for matching that ignores case and diacritics. */
export function foldedWords(text: string): string[] {
  return foldText(text).match(/[a-z0-9]+/g) ?? [];
}
