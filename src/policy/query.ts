import { cleanInput, foldText } from '../core/text';

/**
 * Questions → search words for the knowledge base: plain functions. Swedish question and function words
 * are dropped; English words are mapped to the Swedish terms the documents use (the knowledge base is
 * Swedish), so an English question finds the same passages.
 */
const STOP = new Set(
  (
    'och i att det som en pa ar av for med till den har de inte om ett men var jag sig fran vi sa eller nar kan hon nu ' +
    'ska skall sin dar alla under vad vem vilka vilken vilket hur varfor mig min mitt mina vara ni er era man nagon nagot ' +
    'nagra far fa maste behover behova kan kunna gor gora finns gaeller galler galla nan nat da sedan ocksa bara mycket ' +
    'the a an and or of for to in on at is are do does did we i you my me our your it its this that these those what who ' +
    'whom which how when where why can may must should shall will would could need needs have has be been there any with ' +
    'about from by as if not no yes please tell explain'
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
  ihop: ['sammanrakning'],
  sammanlagt: ['sammanrakning'],
};

export const MAX_QUESTION_LENGTH = 500;

export interface ParsedQuestion {
  text: string;
  words: string[];
}

export function parseQuestion(input: string): ParsedQuestion {
  const text = cleanInput(input).slice(0, MAX_QUESTION_LENGTH);
  let folded = ` ${foldText(text).replace(/[^a-z0-9\-\s]+/g, ' ')} `;
  const words: string[] = [];
  for (const [en, sv] of Object.entries(GLOSSARY)) {
    if (!en.includes(' ') && !en.includes('-')) continue;
    if (folded.includes(` ${en} `)) {
      words.push(...sv.map(foldText));
      folded = folded.replace(` ${en} `, ' ');
    }
  }
  for (const w of folded.split(/[\s-]+/)) {
    if (w.length < 2 || STOP.has(w)) continue;
    const mapped = GLOSSARY[w];
    if (mapped) words.push(...mapped.map(foldText));
    else if (!/^\d+$/.test(w)) words.push(w);
  }
  return { text, words: [...new Set(words)].slice(0, 12) };
}

/** The one or two sentences of a passage that carry most of the question's words, at most maxChars. */
export function excerpt(body: string, stems: string[], maxChars = 320): string {
  const plain = body.replace(/^[-*]\s+/gm, '').replace(/\s+/g, ' ').trim();
  const sentences = plain.split(/(?<=[.!?:])\s+(?=[A-ZÅÄÖ0-9"«])/);
  const score = (s: string) => {
    const f = foldText(s);
    return stems.filter((st) => f.includes(st)).length;
  };
  let best = 0;
  for (let i = 1; i < sentences.length; i++) if (score(sentences[i]) > score(sentences[best])) best = i;
  let out = sentences[best] ?? plain;
  const next = sentences[best + 1];
  if (next && out.length + next.length + 1 <= maxChars) out = `${out} ${next}`;
  return out.length > maxChars ? `${out.slice(0, maxChars - 1).replace(/\s+\S*$/, '')} …` : out;
}
