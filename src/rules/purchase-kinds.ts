import { foldText } from '../util/text';
import { PurchaseKind } from './data';

/**
 * Words people use for a purchase, mapped to the kind of purchase the rules distinguish. Data, not
 * code: each group names its kind and the CPV codes or LOU annex it stands for.
 *
 * Terms are written folded (lower case, no diacritics; "ä" → "a"). A term matches at the start of a
 * word ("hvb" in "HVB-placeringar"); "*term" matches anywhere in a word, for compounds ("*material" in
 * "tandvårdsmaterial"); "=term" matches a whole word only ("=logi", not "logistik").
 *
 * The kind is decided from what is bought, not from a suffix (see classifyKind):
 * - the longest term claims its letters, so "städentreprenad" is cleaning and its "entreprenad" is not
 *   read again as works, and "IT-utbildning" is not read again as "utbildning";
 * - goods words ("material", "vagnar", "litteratur", "utrustning" …) make the purchase goods even beside a
 *   service word ("måltidsvagnar", "kurslitteratur", "tandvårdsmaterial");
 * - a generic service word ("tjänster", "konsult") gives way to any specific one ("HVB-tjänster",
 *   "konsulttjänster inom juridik");
 * - what remains may point to two kinds: the calculator then compares the answers (see calculator.ts).
 */

export type KindLabel = 'tjanster' | 'varor' | 'bygg' | 'sociala';

export interface KindTerms {
  /** Names the group in the locale files (policy.calc.group.<id>). */
  group: string;
  kind: PurchaseKind;
  label: KindLabel;
  /** What the group stands for in procurement law. */
  note: string;
  /** Words that only say "a service": any other group's term outranks them. */
  generic?: boolean;
  /** Goods: outrank every service group (not works, which may include material). */
  goods?: boolean;
  /**
   * The rule behind the group's kind was not read in the legal text here: the calculator treats the
   * purchase as possibly this other kind too, and asks where the answer differs.
   */
  unverifiedAlternative?: PurchaseKind;
  terms: readonly string[];
}

export const KIND_TERMS: readonly KindTerms[] = [
  {
    group: 'social-care',
    kind: 'social-services',
    label: 'sociala',
    note: 'Sociala tjänster och vård i hem och boenden, CPV 85300000–85323000 (LOU bilaga 2; välfärdstjänst i bilaga 2 a 2019–2022)',
    terms: [
      'hvb', 'hem for vard eller boende', 'behandlingshem', 'lss', 'daglig verksamhet', 'personlig assistans', 'hemtjanst', 'aldreomsorg',
      'sarskilt boende', 'sarskilda boende', 'familjehem', 'jourhem', 'skyddat boende', 'stodboende', 'socialtjanst', 'sociala tjanster',
      'missbruksvard', 'beroendevard', 'bilaga 2', 'social services', 'social care', 'residential care', 'care home', 'home care',
      'personal assistance', 'supported housing',
    ],
  },
  {
    group: 'health',
    kind: 'social-services',
    label: 'sociala',
    note: 'Hälso- och sjukvårdstjänster, CPV 85100000–85172000 (LOU bilaga 2)',
    terms: [
      'halso- och sjukvardstjanst', 'sjukvardstjanst', 'halsovardstjanst', 'vardtjanst', 'kopt vard', 'primarvard', 'tandvard', 'hemsjukvard',
      'specialistvard', 'psykiatrisk vard', 'rehabilitering', 'foretagshalsovard', 'ambulanssjukvard', 'ambulanstransport', 'healthcare services',
      'health care services', 'health services', 'medical services', 'dental care', 'occupational health',
    ],
  },
  {
    group: 'care-staffing',
    kind: 'social-services',
    label: 'sociala',
    note: 'Uthyrning av sjuksköterskor och läkare, CPV 79624000 och 79625000 (LOU bilaga 2)',
    terms: ['hyrlakar', 'hyrsjukskotersk', 'bemanningslakar', 'bemanningssjukskotersk', 'inhyrd vardpersonal', 'bemanning av vardpersonal', 'agency nurses', 'locum doctors'],
  },
  {
    group: 'education',
    kind: 'social-services',
    label: 'sociala',
    note: 'Utbildningstjänster, CPV 80100000–80660000 (LOU bilaga 2)',
    terms: ['*utbildning', 'kurs', '=kurser', 'education', 'training', '=course', '=courses'],
  },
  {
    group: 'it-training',
    kind: 'supplies-services',
    label: 'tjanster',
    note:
      'Datautbildning, CPV 80533000: i direktivets bilaga XIV undantas den från utbildningstjänsterna. Raden i LOU bilaga 2 är inte läst här, så undantaget är inte kontrollerat: där svaret skiljer sig frågar kalkylatorn.',
    unverifiedAlternative: 'social-services',
    terms: ['it-utbildning', 'it utbildning', 'datautbildning', 'systemutbildning', 'programvaruutbildning', 'it training', 'computer training', 'software training'],
  },
  {
    group: 'hotel-restaurant',
    kind: 'social-services',
    label: 'sociala',
    note: 'Hotell- och restaurangtjänster, catering, CPV 55100000–55410000 och 55520000–55524000 (LOU bilaga 2)',
    terms: ['hotell', '=logi', 'restaurang', 'catering', 'maltid', 'kantin', 'konferenshotell', 'konferensanlaggning', 'konferenspaket', 'hotel', 'restaurant', 'accommodation', 'canteen', 'meals'],
  },
  {
    group: 'legal',
    kind: 'social-services',
    label: 'sociala',
    note: 'Juridiska tjänster, CPV 79100000–79140000, i den mån de inte är undantagna i 3 kap. LOU (LOU bilaga 2)',
    terms: ['juridisk', '=juridik', 'advokat', 'legal services', 'legal advice', 'lawyer'],
  },
  {
    group: 'security',
    kind: 'social-services',
    label: 'sociala',
    note: 'Utrednings- och säkerhetstjänster, CPV 79700000–79723000 (LOU bilaga 2)',
    terms: ['bevakning', 'vaktare', 'vakttjanst', 'vaktbolag', 'larmovervakning', 'sakerhetstjanst', 'utredningstjanst', 'security services', 'security guard', 'guarding', 'investigation services'],
  },
  {
    group: 'postal',
    kind: 'social-services',
    label: 'sociala',
    note: 'Posttjänster, CPV 64000000, 64100000, 64110000, 64111000, 64112000–64114000 (LOU bilaga 2)',
    terms: ['posttjanst', 'postbefordran', 'postdistribution', 'postservice', 'brevutdelning', 'postal services', 'mail delivery'],
  },
  {
    group: 'works',
    kind: 'works',
    label: 'bygg',
    note: 'Byggentreprenader: bygg- och anläggningsarbete och ombyggnad av byggnader, CPV-huvudgrupp 45',
    terms: [
      'bygga', 'bygge', 'byggnation', 'byggentreprenad', 'byggprojekt', 'byggarbete', 'byggnadsarbete', '*entreprenad', 'ombygg', 'nybygg', 'tillbygg',
      'renover', 'rivning', 'markarbete', 'anlaggningsarbete', 'vagbygg', 'takbyte', 'fonsterbyte', 'stambyte', 'construction', 'building work', 'refurbish',
      'renovat', '=works',
    ],
  },
  {
    group: 'operation',
    kind: 'supplies-services',
    label: 'tjanster',
    note: 'Drift, underhåll och skötsel, CPV 50000000 och 70000000-gruppen: tjänster även när kontraktet kallas entreprenad',
    terms: [
      'driftentreprenad', 'underhallsentreprenad', 'skotselentreprenad', 'drift- och underhall', 'drift och underhall', '=drift', 'driftsattning', 'underhall',
      'fastighetsskotsel', 'skotsel', 'service och underhall', 'serviceavtal', 'snorojning', 'maintenance', 'operation and maintenance',
    ],
  },
  {
    group: 'cleaning',
    kind: 'supplies-services',
    label: 'tjanster',
    note: 'Städtjänster, CPV 90910000: inte bilaga 2, en vanlig tjänst, även när kontraktet kallas entreprenad',
    terms: ['stadtjanst', 'stadentreprenad', 'lokalvardsentreprenad', 'stadning', 'stadservice', 'lokalvard', 'fonsterputs', 'cleaning'],
  },
  {
    group: 'services',
    kind: 'supplies-services',
    label: 'tjanster',
    note: 'Tolk-, transport- och tvätttjänster m.fl.: inte bilaga 2',
    terms: ['tolk', 'transport', 'sjukresor', 'tvatt', 'interpret', 'taxi'],
  },
  {
    group: 'services',
    kind: 'supplies-services',
    label: 'tjanster',
    note: 'Orden "tjänst" och "konsult" säger bara att det är en tjänst: ett mer bestämt ord i frågan (HVB-tjänster, konsulttjänster inom juridik) väger tyngre',
    generic: true,
    terms: ['*tjanst', 'konsult', 'consult', 'service', '=services'],
  },
  {
    group: 'goods',
    kind: 'supplies-services',
    label: 'varor',
    note: 'Varor: ett ord för varor gör köpet till ett varuköp även bredvid ett tjänsteord (måltidsvagnar, kurslitteratur, tandvårdsmaterial)',
    goods: true,
    terms: [
      '*varor', 'produkt', '*utrustning', '*material', '*vagn', '*litteratur', 'bocker', 'dator', '*mobler', 'mobel', '*instrument', '*apparat', 'licens',
      'lakemedel', 'livsmedel', 'handskar', 'forbrukningsartikl', 'goods', 'equipment', 'supplies', 'computer', 'furniture', 'trolley', 'books',
      'devices', 'materials',
    ],
  },
];

/** One place a term matched the folded text: [start, end). */
export interface KindMatch {
  entry: KindTerms;
  term: string;
  start: number;
  end: number;
}

const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);

/** Every place a term matches the folded text. */
function termMatches(text: string, term: string): { start: number; end: number }[] {
  const anywhere = term.startsWith('*');
  const whole = term.startsWith('=');
  const word = anywhere || whole ? term.slice(1) : term;
  const found: { start: number; end: number }[] = [];
  let from = 0;
  for (;;) {
    const i = text.indexOf(word, from);
    if (i < 0) return found;
    const starts = anywhere || !isLetter(text[i - 1]);
    const ends = !whole || !isLetter(text[i + word.length]);
    if (starts && ends) found.push({ start: i, end: i + word.length });
    from = i + 1;
  }
}

/**
 * The terms that stand in the text, each place claimed once: longer terms first, so a term that lies
 * inside a longer matched term ("entreprenad" in "städentreprenad") is not read again.
 */
export function matchTerms(text: string, table: readonly KindTerms[] = KIND_TERMS): KindMatch[] {
  const folded = foldText(text);
  const all: KindMatch[] = [];
  for (const entry of table) for (const term of entry.terms) for (const m of termMatches(folded, term)) all.push({ entry, term, ...m });
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: KindMatch[] = [];
  for (const m of all) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start);
}

export interface KindReading {
  /** The kinds the words point to, in the order of PURCHASE_KINDS; empty when no word names a kind. */
  kinds: PurchaseKind[];
  /** The matches that decided, one per kind (the longest term for that kind). */
  deciding: KindMatch[];
  /** Some deciding group's rule is not verified against the legal text here. */
  unverified: boolean;
}

const KIND_ORDER: readonly PurchaseKind[] = ['supplies-services', 'works', 'social-services'];

/**
 * What is bought, from the words: goods words beat service words, specific words beat generic ones; a
 * group whose rule is unverified also points to its alternative kind. Never picks one of two kinds: the
 * caller decides what to do with two (ask, or answer when the answer is the same).
 */
export function classifyKind(text: string, table: readonly KindTerms[] = KIND_TERMS): KindReading {
  let ms = matchTerms(text, table);
  if (ms.some((m) => m.entry.goods)) ms = ms.filter((m) => m.entry.goods || m.entry.kind === 'works');
  if (ms.some((m) => !m.entry.generic)) ms = ms.filter((m) => !m.entry.generic);
  const byKind = new Map<PurchaseKind, KindMatch>();
  for (const m of ms) {
    const kinds = m.entry.unverifiedAlternative ? [m.entry.kind, m.entry.unverifiedAlternative] : [m.entry.kind];
    for (const k of kinds) {
      const had = byKind.get(k);
      // For one kind, the match of its own group (not an unverified alternative), then the longest, decides.
      const own = (x: KindMatch) => (x.entry.kind === k ? 1 : 0);
      if (!had || own(m) > own(had) || (own(m) === own(had) && m.end - m.start > had.end - had.start)) byKind.set(k, m);
    }
  }
  const kinds = KIND_ORDER.filter((k) => byKind.has(k));
  return { kinds, deciding: kinds.map((k) => byKind.get(k) as KindMatch), unverified: ms.some((m) => m.entry.unverifiedAlternative !== undefined) };
}

/**
 * The one group the words point to, or null when they point to none or to more than one kind. For
 * callers that need a single best guess with no one to ask (the plan form's default).
 */
export function matchKind(text: string, table: readonly KindTerms[] = KIND_TERMS): KindMatch | null {
  const r = classifyKind(text, table);
  if (r.kinds.length !== 1) return null;
  return r.deciding[0];
}
