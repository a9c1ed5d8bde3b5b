import { cleanInput, cut, foldText, trimEndChars, trimStartChars } from '../util/text';

/**
 * One reading of a chat message, made once per turn by the router and handed to whichever module
 * answers: what the person wants (from the whole sentence, not its first word) and the product words
 * with the question phrases around them taken off ("Har vi avtal på tolk?" → "tolk"). Plain function,
 * no I/O; the message extension and REST use the same product-word extraction.
 */
export type Intent =
  /** Find, order or buy something. */
  | 'find'
  /** Is there a contract for something. */
  | 'contract'
  /** Which supplier (for a product), or what do we buy from a supplier. */
  | 'supplier'
  /** A question about rules, policy, routes. */
  | 'policy'
  /** An amount to buy for: the calculator (after the contracts for the product, when one is named). */
  | 'amount'
  /** An explicit command (set by the router when a module's command matched). */
  | 'command';

export interface MessageReading {
  /** The message, cleaned. */
  text: string;
  intent: Intent;
  /** The product words as typed ('' when the message names none). */
  product: string;
  /** A supplier's name or organisation number asked about ('' when none). */
  supplier: string;
  /** The message names an amount of money. */
  hasAmount: boolean;
  /** The language the question phrase was in, when one was recognised. */
  language: 'sv' | 'en' | null;
  /** A buying question that also asks what policy says (buying outside the contract, without one). */
  policyToo: boolean;
}

type Lang = 'sv' | 'en';
interface Phrase {
  re: RegExp;
  intent: Exclude<Intent, 'command' | 'amount' | 'policy'>;
  lang: Lang;
  /** What follows names a supplier, not a product. */
  supplierNamed?: boolean;
  /** Asks for permission: policy has something to add beside the contracts. */
  permission?: boolean;
}

// Folded text (lower case, no diacritics), words separated by one space. Each pattern ends at a word end.
const SV_ANY = '(?:nagot|nagra|nagon|nat|ngt|ett|en)';
const PHRASES: Phrase[] = [
  // Supplier named: "har vi avtal med Tolkcentralen", "vad köper vi från …", "do we have a contract with …".
  { re: new RegExp(`^(?:har vi|finns det|har ni|har regionen|har regionerna) ${SV_ANY}? ?(?:avtal|ramavtal|kontrakt)(?:et)? med`), intent: 'supplier', lang: 'sv', supplierNamed: true },
  { re: /^(?:vad|vilka varor|vilka tjanster|vilka produkter) (?:kan|far|ska)? ?(?:vi|jag|man) (?:kopa|kop|koper|bestalla|bestaller|handla|handlar|avropa) (?:in )?(?:fran|av|hos)/, intent: 'supplier', lang: 'sv', supplierNamed: true },
  { re: /^vad (?:koper|bestaller|handlar|avropar) (?:vi|jag|man|ni) (?:in )?(?:fran|av|hos)/, intent: 'supplier', lang: 'sv', supplierNamed: true },
  { re: /^vilka avtal (?:har vi|finns) med/, intent: 'supplier', lang: 'sv', supplierNamed: true },
  { re: /^(?:avtal|avtalen|kontrakt) med/, intent: 'supplier', lang: 'sv', supplierNamed: true },
  { re: /^(?:do|does) (?:we|the region|the regions|you) have (?:a |an |any )?(?:contract|contracts|agreement|agreements|framework agreement) with/, intent: 'supplier', lang: 'en', supplierNamed: true },
  { re: /^(?:is|are) there (?:a |an |any )?(?:contract|contracts|agreement|agreements) with/, intent: 'supplier', lang: 'en', supplierNamed: true },
  { re: /^what (?:can|do|may|should) (?:we|i) (?:buy|order|purchase|get) from/, intent: 'supplier', lang: 'en', supplierNamed: true },
  { re: /^(?:contracts?|agreements?) with/, intent: 'supplier', lang: 'en', supplierNamed: true },
  // Who supplies a product.
  { re: /^(?:vem|vilka) (?:levererar|saljer|har avtal pa|har avtal for|ar leverantor (?:av|for|pa)|star for)/, intent: 'supplier', lang: 'sv' },
  { re: /^(?:vilken|vilka) (?:leverantor|leverantorer|leverantoren|firma|foretag)(?: ar det som)? (?:har|levererar|saljer|anvander vi for|finns for|for|pa|av|galler for|ska jag anvanda for)/, intent: 'supplier', lang: 'sv' },
  { re: /^(?:leverantor|leverantorer) (?:av|for|pa|till)/, intent: 'supplier', lang: 'sv' },
  { re: /^who (?:supplies|sells|delivers|provides|is the supplier (?:of|for)|are the suppliers (?:of|for)|do we buy|do we order)/, intent: 'supplier', lang: 'en' },
  { re: /^which (?:supplier|suppliers|company|companies|vendor|vendors) (?:supplies|supply|sells|sell|has|have|for|of|do we use for|should i use for|provides|delivers)/, intent: 'supplier', lang: 'en' },
  { re: /^(?:supplier|suppliers|vendor|vendors) (?:of|for)/, intent: 'supplier', lang: 'en' },
  // Is there a contract for something.
  { re: new RegExp(`^(?:har vi|finns det|har ni|har regionen|har regionerna|finns) ${SV_ANY}? ?(?:upphandlat |upphandlade |gallande )?(?:avtal|ramavtal|kontrakt)(?:et)? (?:pa|for|om|kring|gallande|som galler|som tacker)`), intent: 'contract', lang: 'sv' },
  { re: /^(?:vilket|vilka|vad) (?:avtal|ramavtal|avtalet) (?:galler|finns|har vi|anvander vi|ska jag anvanda|ska vi anvanda) (?:for|pa|om|nar)?/, intent: 'contract', lang: 'sv' },
  { re: /^(?:vilket|vilka) (?:avtal|ramavtal)(?: ar det som)? (?:for|pa|om)/, intent: 'contract', lang: 'sv' },
  { re: /^(?:ar|finns) (?:det )?(?:upphandlat|upphandlad|avtal) (?:for|pa|om)?/, intent: 'contract', lang: 'sv' },
  { re: /^(?:avtal|avtalet|ramavtal|kontrakt) (?:for|pa|om|gallande)/, intent: 'contract', lang: 'sv' },
  { re: /^(?:do|does) (?:we|the region|the regions|you) have (?:a |an |any )?(?:contract|contracts|agreement|agreements|framework agreement|framework agreements|deal) (?:for|on|covering|with regard to|about)/, intent: 'contract', lang: 'en' },
  { re: /^(?:is|are) there (?:a |an |any )?(?:contract|contracts|agreement|agreements|framework agreement|deal) (?:for|on|covering|about)/, intent: 'contract', lang: 'en' },
  { re: /^(?:which|what) (?:contract|contracts|agreement|agreements) (?:covers|cover|applies to|apply to|is for|are for|for|do we have for|should i use for|do i use for)/, intent: 'contract', lang: 'en' },
  { re: /^(?:any )?(?:contract|contracts|agreement|agreements) (?:for|on|covering)/, intent: 'contract', lang: 'en' },
  // Permission to buy: the contracts, and what policy says.
  { re: /^(?:far|kan|maste) (?:jag|vi|man) (?:kopa|kopa in|handla|bestalla|skaffa|hyra|anlita|ta in)/, intent: 'contract', lang: 'sv', permission: true },
  { re: /^(?:may|can|could|must) (?:i|we) (?:buy|purchase|order|get|hire|rent|use)/, intent: 'contract', lang: 'en', permission: true },
  { re: /^am i allowed to (?:buy|purchase|order|get|hire)/, intent: 'contract', lang: 'en', permission: true },
  // Find, order, buy.
  { re: /^(?:var|hur|varifran|vart|hos vem) (?:kan|ska|far|bor)? ?(?:jag|vi|man) (?:kop(?:a|er)|k[oö]pa in|best?all?(?:a|er)|handla|handlar|hitta|hittar|fa tag pa|far tag pa|skaffa|skaffar|boka|bokar|avropa|avropar|anlita|anlitar|fa)/, intent: 'find', lang: 'sv' },
  // Renting and hiring stay with the product ("hyra en bil", "rent a car" are what the catalogue calls it).
  { re: /^(?:var|hur) (?:kan|ska|far|bor)? ?(?:jag|vi|man)(?= (?:hyra|hyr) )/, intent: 'find', lang: 'sv' },
  { re: /^(?:where|how) (?:can|do|should|may|could) (?:i|we|one|you)(?= (?:rent|hire) )/, intent: 'find', lang: 'en' },
  { re: /^(?:var|hur) (?:koper|best?all?er|handlar|hittar|bokar|avropar|anlitar) (?:jag|vi|man)/, intent: 'find', lang: 'sv' },
  { re: /^(?:jag|vi) (?:behover|vill|ska|skulle vilja|maste) (?:kopa|kopa in|bestalla|handla|ha|boka|anlita|skaffa|fa tag pa|kopa nya|bestalla nya)?/, intent: 'find', lang: 'sv' },
  { re: /^(?:behover|vill) (?:kopa|bestalla|handla|ha)/, intent: 'find', lang: 'sv' },
  { re: /^(?:kopa|kopa in|bestalla|handla|hitta|avropa|boka|anlita)/, intent: 'find', lang: 'sv' },
  { re: /^(?:where|how) (?:can|do|should|may|could) (?:i|we|one|you) (?:buy|order|purchase|get|find|book|source)/, intent: 'find', lang: 'en' },
  { re: /^where (?:to|do i|do we) (?:buy|order|purchase|get|find)/, intent: 'find', lang: 'en' },
  { re: /^(?:i|we) (?:need|want|would like|have to|must) (?:to )?(?:buy|order|purchase|get|book|some|a|an|new)?/, intent: 'find', lang: 'en' },
  { re: /^(?:buy|order|purchase|find|book|looking for|searching for)/, intent: 'find', lang: 'en' },
];

/** Greetings and softeners before the real question. */
const LEADING_FILLER =
  /^(?:hej|hejsan|hallo|tjena|tja|god morgon|hi|hello|hey|good morning|snalla|please|ursakta|jag undrar|undrar|fraga|kort fraga|quick question|question|kan du (?:saga|beratta)(?: for)?(?: mig)?|vet du|do you know|can you tell me|could you tell me|i wonder|i was wondering)(?: |$)/;

/** Words that name no product on their own: what is left when a phrase was all there was. */
const NOT_PRODUCT = new Set(
  (
    'en ett nagon nagot nagra den det de dom denna detta dessa min mitt mina var vart vara er ert era ny nya nytt annan annat andra egen eget egna ' +
    'avtal avtalet avtalen ramavtal ramavtalet kontrakt leverantor leverantoren leverantorer upphandling inkop saker sak grejer grej varor tjanster produkter ' +
    'pa for av med om i till fran hos at som och eller att har finns vi jag man oss mig sjalv sjalva kopa handla bestalla in ut nu idag snabbt ' +
    'a an the some any new other our my your this that these those one of for with from at to on in and or it them us me myself please thanks tack ' +
    'stuff thing things products items goods services supplier contract contracts agreement'
  ).split(' '),
);

/**
 * Words of rules and routes rather than products: a message with one of these and no buying phrase is
 * a policy question, and they are never taken as product words.
 */
const POLICY_WORD =
  /^(?:direktupphandl\w*|upphandl\w*|troskel\w*|annonser\w*|avtalsspar\w*|overprov\w*|lou|luf|lov|policy\w*|inkopspolicy\w*|riktlinje\w*|regler|regel|uppforandekod\w*|miljokrav\w*|krav|faktur\w*|peppol|dll|moms|avtalstro\w*|dokumentera\w*|dokumentation\w*|sammanrakn\w*|avrop|avropa|forfarande\w*|anbud\w*|anbudstid\w*|nki|kategoristyrning|behovsanmal\w*|inkopsbehov\w*|attest\w*|delegation\w*|jav|mutor|muta|gava|gavor|procurement|procure|threshold\w*|tender\w*|invoice\w*|invoicing|vat|compliance|rules?|guidelines?|standstill|direct award|award|conduct|allowed|permitted|legal|law|process|dela|delar|uppdelning|split|kalkylator|vardet|varde|belopp|grans|gransen|limit)$/;

/** After the product: buying without or outside the contract (policy adds to the answer). */
const OUTSIDE =
  /(?:^| )(?:utan (?:avtal|upphandling|att upphandla)|utanfor (?:avtalet|avtal|avtalen|ramavtalet)|(?:fran|av|hos) (?:en )?annan leverantor|direkt fran|sjalv|sjalva|without (?:a )?(?:contract|tender|procurement)|outside (?:the |a )?(?:contract|agreement|framework)|from another supplier|myself|ourselves)(?= |$)/;

/** An amount of money: a number with a currency or a unit of thousands, or a number with spaced thousands. */
const AMOUNT = /(?:(?<![\d\s.,'])[\s.,']*\d[\d\s.,']*(?:kr|kronor|sek|tkr|mkr|msek|ksek|miljon\w*|milj|million\w*|tusen|thousand|:-)(?=\W|$))|(?:(?:sek|kr) ?\d)|(?:\b\d{1,3}(?: \d{3})+\b)/;
/** The amount phrase inside the product words ("för 15 000 kr", "for 15,000 SEK"). */
const AMOUNT_PHRASE = /(?<=^| )(?<!(?:^| )(?:for|pa|till|at|worth|of|om|ca|cirka|about|around) )(?:(?:for|pa|till|at|worth|of|om|ca|cirka|about|around) )*(?:(?:sek|kr) )?\d[\d.,']*(?: [\d.,']+)*(?: ?(?:kr|kronor|sek|tkr|mkr|msek|ksek|miljoner|miljon|milj|million|millions|tusen|thousand|:-))?(?= |$)/g;
/** An organisation number (556677-8899 or 5566778899). */
const ORG_NR = /\b(\d{6})-?(\d{4})\b/;

/** Where a product stops: a purpose or place after it ("kaffe till personalrummet", "paper for the printer"). */
const TAIL = / (?:till|at|for|to|in|i|inom|pa|hos|nar|when|so|sa att|that|which|per|varje|every|nagonstans|anywhere|idag|today|please|tack|snarast)(?= |$)/;
const LEAD = /^(?:(?:in|ut|pa|en|ett|nagon|nagot|nagra|ny|nya|nytt|a|an|the|some|any|new|more|fler|mer|of|for|pa|om|till|av|med|nar|det|den|de|dom|jag|vi|ett par|a few|a couple of)(?: |$))+/;

const QUESTION_START =
  /^(?:vad|vem|vems|hur|nar|var|varfor|vilken|vilket|vilka|far|maste|kan|ska|skall|behover|galler|finns|ar|raknas|what|who|whose|how|when|where|why|which|may|can|must|should|do|does|is|are|will|would)(?: |$)/;

interface Word {
  raw: string;
  folded: string;
}

function wordsOf(text: string): Word[] {
  return text
    .split(' ')
    .map((w) => trimEndChars(trimStartChars(w, `«»"'“”‘’(¿¡[`), `«»"'“”‘’)?!.,;:]`))
    .filter((w) => w !== '')
    .map((raw) => ({ raw, folded: foldText(raw) }));
}

const joined = (ws: Word[]) => ws.map((w) => w.folded).join(' ');

/** Each pattern made to end at a word end: after a space, or before one (a verb is never half a word: "ha" in "handskar"). */
const atWordEnd = new Map<RegExp, RegExp>();
function wholeWords(re: RegExp): RegExp {
  let out = atWordEnd.get(re);
  if (!out) {
    out = new RegExp(`(?:${re.source})(?:(?<= )|(?= |$))`);
    atWordEnd.set(re, out);
  }
  return out;
}

/** Consumes a leading phrase (whole words) and returns how many words it took (`folded`: the words joined, when known). */
function wordsTaken(ws: Word[], re: RegExp, folded = joined(ws)): number {
  const m = wholeWords(re).exec(folded);
  const matched = m ? m[0].trim() : '';
  return matched === '' ? 0 : matched.split(' ').length;
}

/** The product words of what remains after the question phrase: amount, purpose and filler off. */
function productWords(ws: Word[]): Word[] {
  const folded = joined(ws);
  const keep = new Array<boolean>(ws.length).fill(true);
  // Work on the folded text, and map a position back to its word by counting the spaces before it.
  const wordAt = (s: string, pos: number) => (s.slice(0, pos).match(/ /g) ?? []).length;
  for (const m of folded.matchAll(AMOUNT_PHRASE)) {
    if (!/\d/.test(m[0])) continue;
    const start = wordAt(folded, m.index ?? 0);
    for (let i = start; i < start + m[0].trim().split(' ').length; i++) keep[i] = false;
  }
  const o = OUTSIDE.exec(folded);
  if (o) for (let i = wordAt(folded, o.index + (o[0].startsWith(' ') ? 1 : 0)); i < ws.length; i++) keep[i] = false;
  let kept = ws.filter((_, i) => keep[i]);
  kept = kept.slice(wordsTaken(kept, LEAD));
  const rest = joined(kept);
  const tail = TAIL.exec(rest);
  if (tail && tail.index > 0) kept = kept.slice(0, wordAt(rest, tail.index) + 1);
  // Words that carry nothing, at the edges.
  while (kept.length > 0 && NOT_PRODUCT.has(kept[kept.length - 1].folded)) kept.pop();
  while (kept.length > 0 && NOT_PRODUCT.has(kept[0].folded)) kept.shift();
  return kept;
}

/** A supplier's name as typed: the words after the phrase, without a trailing "AB" or question filler. */
function supplierName(ws: Word[]): Word[] {
  const kept = [...ws];
  while (kept.length > 0 && /^(?:ab|abs|hb|kb|idag|today|nu|now|please|tack|alls|nagot|some|any)$/.test(kept[kept.length - 1].folded)) kept.pop();
  return kept;
}

const isProduct = (ws: Word[]) => ws.some((w) => !NOT_PRODUCT.has(w.folded) && !POLICY_WORD.test(w.folded) && !/^\d+$/.test(w.folded));
const hasPolicyWord = (ws: Word[]) => ws.some((w) => POLICY_WORD.test(w.folded));

const ENGLISH_HINT = /(?:^| )(?:the|where|what|which|who|how|can|do|does|we|i|need|buy|order|contract|for|with|is|are|any|have|supplier)(?= |$)/;
const SWEDISH_HINT = /(?:^| )(?:och|har|vi|jag|var|vad|vem|hur|kan|avtal|for|med|pa|finns|kopa|behover|leverantor|som)(?= |$)/;

function languageOf(folded: string): Lang | null {
  const en = ENGLISH_HINT.test(folded);
  const sv = SWEDISH_HINT.test(folded);
  return en === sv ? null : en ? 'en' : 'sv';
}

const text = (ws: Word[]) => ws.map((w) => w.raw).join(' ');

const CLAUSE_BREAK = /[?!;]+\s*|[.,]\s+/;

/** The sentences and clauses of a message, each as words without the greeting before it (`ws`: the whole message's). */
function clauses(clean: string, ws: Word[]): Word[][] {
  const parts = clean.split(CLAUSE_BREAK);
  // One clause (most messages): its words are the message's, already read and without the greeting.
  if (parts.length === 1) return ws.length > 0 ? [ws] : [];
  return parts
    .map((part) => {
      let ws = wordsOf(part);
      for (let n = wordsTaken(ws, LEADING_FILLER); n > 0 && n < ws.length; n = wordsTaken(ws, LEADING_FILLER)) ws = ws.slice(n);
      return ws;
    })
    .filter((ws) => ws.length > 0);
}

type Base = Pick<MessageReading, 'text' | 'hasAmount' | 'supplier' | 'policyToo'>;

/** The reading of a clause that starts with a buying phrase and names a product or supplier, else null. */
function phraseReading(ws: Word[], base: Base): MessageReading | null {
  // The clause joined once for all the phrases (not once per phrase).
  const folded = joined(ws);
  for (const p of PHRASES) {
    const n = wordsTaken(ws, p.re, folded);
    if (n === 0) continue;
    const after = ws.slice(n);
    if (p.supplierNamed) {
      const name = supplierName(after);
      if (name.length === 0) return null;
      return { ...base, intent: 'supplier', product: '', supplier: text(name), language: p.lang };
    }
    const product = productWords(after);
    if (!isProduct(product) || hasPolicyWord(product)) return null;
    const intent = base.hasAmount ? 'amount' : p.intent;
    return { ...base, intent, product: text(product), language: p.lang, policyToo: base.policyToo || !!p.permission };
  }
  return null;
}

/** Reads a message: the intent from the whole sentence, and the product or supplier it is about. */
export function readMessage(input: string): MessageReading {
  const clean = cleanInput(cut(input));
  let ws = wordsOf(clean);
  for (let n = wordsTaken(ws, LEADING_FILLER); n > 0 && n < ws.length; n = wordsTaken(ws, LEADING_FILLER)) ws = ws.slice(n);
  const folded = joined(ws);
  const hasAmount = AMOUNT.test(foldText(clean));
  const base: Base = { text: clean, hasAmount, supplier: '', policyToo: OUTSIDE.test(folded) };
  const orgNr = ORG_NR.exec(clean);
  if (orgNr) return { ...base, intent: 'supplier', product: '', supplier: `${orgNr[1]}-${orgNr[2]}`, language: languageOf(folded) };

  // Each sentence or clause may carry the buying phrase ("Vem ska jag ringa? Har vi avtal på snöröjning?").
  for (const clause of clauses(clean, ws)) {
    const found = phraseReading(clause, base);
    if (found) return found;
  }

  const rest = productWords(ws);
  const language = languageOf(folded);
  const question = clean.trim().endsWith('?') || QUESTION_START.test(folded) || hasPolicyWord(ws);
  if (hasAmount) {
    const product = isProduct(rest) && !hasPolicyWord(rest) && !QUESTION_START.test(joined(rest)) ? text(rest) : '';
    return { ...base, intent: 'amount', product, language };
  }
  // A few words with no question word and nothing about rules ("tolk?", "laptop"): a product.
  const short = ws.length <= 3 && !QUESTION_START.test(folded) && !hasPolicyWord(ws);
  if (question && !short) return { ...base, intent: 'policy', product: '', language, policyToo: false };
  return { ...base, intent: 'find', product: text(rest.length > 0 ? rest : ws), language };
}

/**
 * The words to search for in what a person typed into a search box (the message extension, REST):
 * the same reading, so "where can I buy gloves" searches "gloves"; a bare keyword stays as it is.
 */
export function searchWords(input: string): string {
  const r = readMessage(input);
  if (r.intent === 'supplier' && r.supplier) return r.supplier;
  return r.product || r.text;
}
