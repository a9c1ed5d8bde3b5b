import { foldText } from '../core/text';
import { PurchaseKind } from './data';

/**
 * Words people use for a purchase, mapped to the kind of purchase the rules distinguish. Data, not
 * code: each group names its kind and the CPV codes or LOU annex it stands for.
 *
 * Terms are written folded (lower case, no diacritics; "ä" → "a"). A term matches at the start of a
 * word ("hvb" in "HVB-placeringar", "stadtjanst" in "städtjänsterna"); "*term" matches anywhere in a
 * word, for compounds ("*entreprenad" in "totalentreprenad"); "=term" matches a whole word only ("=logi",
 * not "logistik"). When several terms match, a term of a specific group beats a generic one ("HVB-tjänster"
 * is HVB, not just "tjänster"), and then the longest wins: "städtjänster" is cleaning, "IT-utbildning"
 * (computer training, not bilaga 2) beats "utbildning", and "utrustning till HVB-hemmet" is goods.
 */

export type KindLabel = 'tjanster' | 'varor' | 'bygg' | 'sociala';

export interface KindTerms {
  /** Names the group in the locale files (policy.calc.group.<id>). */
  group: string;
  kind: PurchaseKind;
  label: KindLabel;
  /** What the group stands for in procurement law. */
  note: string;
  /** Words that only say "a service": any other group's term outranks them, whatever its length. */
  generic?: boolean;
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
    note: 'Utbildningstjänster, CPV 80100000–80660000 utom datautbildning 80533000 (LOU bilaga 2)',
    terms: ['*utbildning', 'kurs', 'education', 'training'],
  },
  {
    group: 'it-training',
    kind: 'supplies-services',
    label: 'tjanster',
    note: 'Datautbildning, CPV 80533000: undantagen från bilaga 2, en vanlig tjänst',
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
    terms: ['juridisk', 'advokat', 'legal services', 'legal advice', 'lawyer'],
  },
  {
    group: 'security',
    kind: 'social-services',
    label: 'sociala',
    note: 'Bevaknings- och säkerhetstjänster, CPV 79700000–79721000 (LOU bilaga 2)',
    terms: ['bevakning', 'vaktare', 'vakttjanst', 'vaktbolag', 'larmovervakning', 'security guard', 'guarding'],
  },
  {
    group: 'works',
    kind: 'works',
    label: 'bygg',
    note: 'Byggentreprenader: bygg- och anläggningsarbete, CPV 45000000',
    terms: [
      'bygga', 'bygge', 'byggnation', 'byggentreprenad', 'byggprojekt', 'byggarbete', 'byggnadsarbete', '*entreprenad', 'ombygg', 'nybygg', 'tillbygg',
      'renover', 'rivning', 'markarbete', 'anlaggningsarbete', 'construction', 'building work', 'refurbish', 'renovat', '=works',
    ],
  },
  {
    group: 'cleaning',
    kind: 'supplies-services',
    label: 'tjanster',
    note: 'Städtjänster, CPV 90910000: inte bilaga 2, en vanlig tjänst',
    terms: ['stadtjanst', 'stadning', 'stadservice', 'lokalvard', 'cleaning'],
  },
  {
    group: 'services',
    kind: 'supplies-services',
    label: 'tjanster',
    note: 'Konsult-, tolk-, transport- och tvätttjänster m.fl.: inte bilaga 2',
    terms: ['konsult', 'tolk', 'transport', 'sjukresor', 'tvatt', 'consult', 'interpret'],
  },
  {
    group: 'services',
    kind: 'supplies-services',
    label: 'tjanster',
    note: 'Ordet "tjänst" säger bara att det är en tjänst: ett mer bestämt ord i frågan (HVB-tjänster, juridiska tjänster) väger tyngre',
    generic: true,
    terms: ['*tjanst', 'service', '=services'],
  },
  {
    group: 'goods',
    kind: 'supplies-services',
    label: 'varor',
    note: 'Varor',
    terms: ['*varor', 'produkt', '*utrustning', '*material', 'dator', 'mobel', 'mobler', 'instrument', 'apparat', 'licens', 'goods', 'equipment', 'supplies', 'computer', 'furniture'],
  },
];

export interface KindMatch {
  entry: KindTerms;
  term: string;
}

const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);

/** Where a term matches the folded text, or -1. */
function termAt(text: string, term: string): number {
  const anywhere = term.startsWith('*');
  const whole = term.startsWith('=');
  const word = anywhere || whole ? term.slice(1) : term;
  let from = 0;
  for (;;) {
    const i = text.indexOf(word, from);
    if (i < 0) return -1;
    const starts = anywhere || !isLetter(text[i - 1]);
    const ends = !whole || !isLetter(text[i + word.length]);
    if (starts && ends) return i;
    from = i + 1;
  }
}

/**
 * The group whose best term matches the text: specific groups before generic ones, then the longest
 * term; ties go to the group listed first. Null when no term matches.
 */
export function matchKind(text: string, table: readonly KindTerms[] = KIND_TERMS): KindMatch | null {
  const folded = foldText(text);
  let best: (KindMatch & { score: number }) | null = null;
  for (const entry of table) {
    for (const term of entry.terms) {
      const score = term.replace(/^[*=]/, '').length + (entry.generic ? 0 : 1000);
      if ((!best || score > best.score) && termAt(folded, term) >= 0) best = { entry, term, score };
    }
  }
  return best ? { entry: best.entry, term: best.term } : null;
}
