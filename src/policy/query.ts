import { cleanInput, foldText } from '../util/text';

/**
 * Questions → search words for the knowledge base: plain functions. Question and function words are
 * dropped. For Swedish documents, English and everyday words are mapped to the terms the documents use
 * (so an English question also finds an organisation's Swedish-only documents); for documents in the
 * question's own language its words are searched as typed.
 */
const STOP = new Set(
  (
    'och i att det som en pa ar av for med till den har de inte om ett men var jag sig fran vi sa eller nar kan hon nu ' +
    'ska skall sin dar alla under vad vem vilka vilken vilket hur varfor mig min mitt mina vara ni er era man nagon nagot ' +
    'nagra far fa maste behover behova kan kunna gor gora finns gaeller galler galla nan nat da sedan ocksa bara mycket ' +
    'the a an and or of for to in on at is are do does did we i you my me our your it its this that these those what who ' +
    'whom which how when where why can may must should shall will would could need needs have has be been there any with ' +
    'about from by as if not no yes please tell explain ' +
    // "Vad händer …": "händer" would be stemmed to "hand" and find "handel".
    'hander'
  ).split(/\s+/),
);

/** English (folded) → Swedish search words. Multi-word keys are matched before single words. */
export const GLOSSARY: Record<string, string[]> = {
  'direct procurement': ['direktupphandling'],
  'direct award': ['direktupphandling'],
  'contract compliance': ['avtalstrohet'],
  'code of conduct': ['uppforandekod'],
  'working conditions': ['arbetsvillkor'],
  'labour rights': ['arbetsvillkor', 'ilo'],
  'child labour': ['barnarbete'],
  'child labor': ['barnarbete'],
  'purchase need': ['behov'],
  'add up': ['sammanrakning'],
  'customer satisfaction': ['nki', 'nojd'],
  'e-commerce': ['e-handel'],
  'lead time': ['ledtid', 'tid', 'lang'],
  'how long': ['tid', 'lang'],
  procurement: ['upphandling'],
  procure: ['upphandling'],
  purchasing: ['inkop'],
  purchase: ['inkop', 'kop'],
  buy: ['kop', 'kopa'],
  threshold: ['troskelvarde'],
  thresholds: ['troskelvarde'],
  limit: ['grans'],
  contract: ['avtal'],
  contracts: ['avtal'],
  compliance: ['avtalstrohet'],
  responsible: ['ansvar'],
  responsibility: ['ansvar'],
  environment: ['miljo'],
  environmental: ['miljokrav', 'miljo'],
  chemicals: ['kemikalier'],
  conduct: ['uppforandekod'],
  supplier: ['leverantor'],
  suppliers: ['leverantor'],
  labour: ['arbetsvillkor'],
  labor: ['arbetsvillkor'],
  corruption: ['korruption'],
  invoice: ['faktura'],
  invoices: ['faktura'],
  invoicing: ['fakturering'],
  order: ['bestalla', 'bestallning'],
  ordering: ['bestallning'],
  consumables: ['forbrukningsvaror'],
  need: ['behov'],
  needs: ['behov'],
  submit: ['anmala'],
  early: ['tidigt'],
  standstill: ['avtalsspärr'],
  review: ['overprovning'],
  documentation: ['dokumentationsplikt'],
  document: ['dokumentera'],
  split: ['dela'],
  aggregate: ['sammanrakning'],
  satisfaction: ['nki'],
  survey: ['enkat'],
  policy: ['inkopspolicy'],
  category: ['kategori'],
  categories: ['kategori'],
  framework: ['ramavtal'],
  'call-off': ['avrop'],
  value: ['varde'],
  vat: ['moms'],
  catalogue: ['avtalskatalog'],
  catalog: ['avtalskatalog'],
  certified: ['certifierad', 'iso'],
  vehicles: ['fordon'],
  transport: ['transport'],
  organised: ['organiserat'],
  organized: ['organiserat'],
  consultants: ['konsulttjanster'],
  consultancy: ['konsulttjanster'],
  anonymous: ['anonyma'],
  calculated: ['rakna'],
  index: ['nki'],
  // Swedish everyday words → the words the documents use.
  enhet: ['verksamhet'],
  avdelning: ['verksamhet'],
  hora: ['kontakta'],
  annonsera: ['annonsera', 'direktupphandling'],
  ihop: ['sammanrakning'],
  sammanlagt: ['sammanrakning'],
};

export const MAX_QUESTION_LENGTH = 500;

export interface ParsedQuestion {
  text: string;
  /** Search words for Swedish documents: English and everyday words mapped to the documents' terms. */
  words: string[];
  /** The question's own words (folded, question and function words dropped), for documents in its language. */
  raw: string[];
  /** Key-term groups for quoting from a Swedish passage: each word with the terms it maps to. */
  svGroups: string[][];
}

const MAX_WORDS = 12;
const tokens = (folded: string) => folded.split(/[\s-]+/).filter((w) => w.length >= 2 && !STOP.has(w) && !/^\d+$/.test(w));

export function parseQuestion(input: string): ParsedQuestion {
  const text = cleanInput(input).slice(0, MAX_QUESTION_LENGTH);
  const original = ` ${foldText(text).replace(/[^a-z0-9\-\s]+/g, ' ')} `;
  let folded = original;
  const words: string[] = [];
  const svGroups: string[][] = [];
  for (const [en, sv] of Object.entries(GLOSSARY)) {
    if (!en.includes(' ') && !en.includes('-')) continue;
    if (folded.includes(` ${en} `)) {
      words.push(...sv.map(foldText));
      svGroups.push(sv.map(foldText));
      folded = folded.replace(` ${en} `, ' ');
    }
  }
  for (const w of tokens(folded)) {
    const mapped = GLOSSARY[w]?.map(foldText);
    words.push(...(mapped ?? [w]));
    svGroups.push([w, ...(mapped ?? [])]);
  }
  const raw = [...new Set(tokens(original))].slice(0, MAX_WORDS);
  return { text, words: [...new Set(words)].slice(0, MAX_WORDS), raw, svGroups: svGroups.slice(0, MAX_WORDS) };
}
