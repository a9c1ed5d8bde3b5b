/**
 * Legal figures as dated data: a figure applies from its validFrom until the next entry of its list.
 * Never write these numbers as literals elsewhere; look them up with the functions in assess.ts.
 *
 * Every figure names its source: the act (a Swedish law and chapter, or an EU act), its publication
 * (SFS number, or the Official Journal reference) and where the SEK amount can be read. `verified` is
 * true only where the amount was read in the source named by `url` when this data was written; a figure
 * computed from a EUR value and an exchange rate carries its `approximation` and is shown as "ca".
 */

export type PurchaseKind = 'supplies-services' | 'works' | 'social-services';
export const PURCHASE_KINDS: readonly PurchaseKind[] = ['supplies-services', 'works', 'social-services'];

export interface Source {
  /** The act: "LOU (2016:1145) 19 a kap.", "Delegerad förordning (EU) 2023/2495". */
  act: string;
  /** Where the act is published: an SFS number or an Official Journal reference (EUT = OJ). */
  reference: string;
  /** Where the amount was read (verified figures), or where to read it. */
  url?: string;
  /** What was not read, or how a number was inferred. */
  note?: string;
}

export interface DatedFigure {
  /** Amount in SEK excl. VAT (the EU thresholds also keep their EUR figure). */
  sek: number;
  eur?: number;
  validFrom: string;
  /** The last day of a period whose end is set (EU thresholds are set for two calendar years). */
  validTo?: string;
  source: Source;
  /** True only where the SEK amount was read in the source. */
  verified: boolean;
  /** Set when `sek` is `eur` × a rate, not a published amount: every text that shows it says "ca". */
  approximation?: ExchangeRate;
  /**
   * How the law words the bound, for the lists where it changed: a direct-procurement limit the value
   * must be "under" (understiger, since 2022-02-01) or "hogst" (at most, before); a documentation duty
   * from "minst" (at least, since 2022-02-01) or "over" (överstiger, before). Default: under / minst.
   */
  bound?: 'under' | 'hogst' | 'minst' | 'over';
}

/** The value may be directly procured under this limit: "understiger" (strictly below) or "högst" (at most). */
export function withinDirectLimit(value: number, limit: DatedFigure): boolean {
  return limit.bound === 'hogst' ? value <= limit.sek : value < limit.sek;
}

/** A direct procurement of this value must be documented: "minst" (at least) or "överstiger" (above). */
export function documentationDue(value: number, limit: DatedFigure): boolean {
  return limit.bound === 'over' ? value > limit.sek : value >= limit.sek;
}

export interface ExchangeRate {
  sekPerEur: number;
  /** The period whose published SEK amounts this rate reproduces (shown with the rate). */
  basis: string;
  source: Source;
}

// Where the amounts were read (public pages of the Swedish Competition Authority, the National Agency
// for Public Procurement and SKR).
const KKV_EARLIER = 'https://www.konkurrensverket.se/upphandling/lagar-och-regler/troskelvarden/gamla-troskelvarden/';
const UHM_2024 = 'https://www.upphandlingsmyndigheten.se/frageportalen/2904774/nya-beloppsgranser-for-2024-har-ar-listan/';
const SKR_2022 =
  'https://skr.se/skr/ekonomijuridik/juridik/upphandlingjuridik/nyhetsarkivupphandling/rattsfallupphandlingsomradet/troskelvardenahojsden1januari2022.59867.html';
const LOU_TEXT = 'https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/lag-20161145-om-offentlig-upphandling_sfs-2016-1145/';
const SEK_FROM_COMMISSION = 'SEK-beloppen är kommissionens motvärden i nationell valuta (meddelande i EUT C), här lästa hos den myndighet som url pekar på.';

const LOU_BEFORE_2022: Source = {
  act: 'LOU (2016:1145) 19 kap. (lydelse före 2022-02-01)',
  reference: 'SFS 2016:1145',
  url: KKV_EARLIER,
  note: 'Gränsen var 28 procent av tröskelvärdet för varor och tjänster, och värdet fick uppgå till högst gränsen.',
};

/**
 * The direct-procurement limit in 19 a kap. LOU since 2022-02-01. The chapter came with the amendment
 * of prop. 2021/22:5 (in force 2022-02-01). The amending act's SFS number has not been read here, so the
 * proposition is cited; write the SFS number in when it is read.
 */
const LOU_19A: Source = {
  act: 'LOU (2016:1145) 19 a kap. (direktupphandling)',
  reference: 'prop. 2021/22:5',
  url: KKV_EARLIER,
  note: 'Beloppet läst hos Konkurrensverket och Upphandlingsmyndigheten; ändringslagens SFS-nummer och paragrafen i 19 a kap. är inte lästa i lagtexten.',
};

/** The general direct-procurement limit (supplies, services and works). "Understiger": strictly below. */
const GENERAL_DIRECT_LIMIT: readonly DatedFigure[] = [
  { sek: 615_312, validFrom: '2020-01-01', source: LOU_BEFORE_2022, verified: true, bound: 'hogst' },
  // January 2022: 28 % of the new threshold until the 2022 reform took effect.
  { sek: 626_284, validFrom: '2022-01-01', source: { ...LOU_BEFORE_2022, url: SKR_2022 }, verified: true, bound: 'hogst' },
  { sek: 700_000, validFrom: '2022-02-01', source: LOU_19A, verified: true },
];

/** Since 2022-02-01 the limit for social and other specific services (bilaga 2) is that kind's EU threshold. */
export interface EqualsEuThreshold {
  validFrom: string;
  equalsEuThreshold: true;
  source: Source;
  verified: boolean;
}
export type DirectLimitRule = DatedFigure | EqualsEuThreshold;

/**
 * Direktupphandlingsgräns per kind of purchase. Before 2022-02-01 every kind had the general limit,
 * except welfare services (bilaga 2 a, 2019–2022), which had their own, higher one. The kinds here are
 * three: a day before 2022-02-01 uses the general limit for all bilaga 2 services, which is lower than
 * the welfare limit, so the answer errs towards advertising. The welfare figure is kept below as data.
 */
export const DIRECT_PROCUREMENT_LIMITS: Record<PurchaseKind, readonly DirectLimitRule[]> = {
  'supplies-services': GENERAL_DIRECT_LIMIT,
  works: GENERAL_DIRECT_LIMIT,
  'social-services': [
    ...GENERAL_DIRECT_LIMIT.filter((f) => f.validFrom < '2022-02-01'),
    { validFrom: '2022-02-01', equalsEuThreshold: true, source: { ...LOU_19A, act: 'LOU (2016:1145) 19 a kap. (bilaga 2-tjänster)' }, verified: true },
  ],
};

/** Welfare services (LOU bilaga 2 a), 2020-01-01–2021-12-31: not used for routes (see above). */
export const WELFARE_DIRECT_LIMIT: readonly DatedFigure[] = [
  { sek: 2_156_469, validFrom: '2020-01-01', validTo: '2021-12-31', source: { ...LOU_BEFORE_2022, act: 'LOU (2016:1145) 19 kap. (lydelse före 2022-02-01), bilaga 2 a' }, verified: true },
];

/** Documentation duty: a direct procurement worth this much or more must be documented. */
export const DOCUMENTATION_DUTY_LIMIT: readonly DatedFigure[] = [
  {
    sek: 100_000,
    validFrom: '2017-01-01',
    source: {
      act: 'LOU (2016:1145) 19 kap. (lydelse före 2022-02-01), dokumentation av direktupphandling',
      reference: 'SFS 2016:1145',
      note: 'Plikten gällde när värdet överstiger 100 000 kr; paragrafen i den äldre lydelsen är inte läst här.',
    },
    verified: false,
    bound: 'over',
  },
  {
    sek: 100_000,
    validFrom: '2022-02-01',
    source: {
      act: 'LOU (2016:1145) 19 a kap. 11 § (dokumentationsplikt vid direktupphandling, värde på minst 100 000 kr)',
      reference: 'prop. 2021/22:5',
      url: LOU_TEXT,
      note: 'Paragrafen och beloppet är kontrollerade i lagtexten vid domängranskningen (issue 24).',
    },
    verified: true,
    bound: 'minst',
  },
];

// The EU acts that set the EUR thresholds for sub-central authorities such as regions.
const EU_2019: Source = { act: 'Delegerad förordning (EU) 2019/1828', reference: 'EUT L 279, 31.10.2019, s. 25', url: KKV_EARLIER, note: SEK_FROM_COMMISSION };
const EU_2021: Source = { act: 'Delegerad förordning (EU) 2021/1952', reference: 'EUT L 398, 11.11.2021, s. 23', url: KKV_EARLIER, note: SEK_FROM_COMMISSION };
const EU_2023: Source = {
  act: 'Delegerad förordning (EU) 2023/2495',
  reference: 'EUT L, 2023/2495, 16.11.2023',
  url: UHM_2024,
  note: `${SEK_FROM_COMMISSION} Tillkännagivande (SFS 2024:30) om tröskelvärden hänvisar till samma förordning.`,
};
const EU_2025: Source = {
  act: 'Delegerad förordning (EU) 2025/2152',
  reference: 'EUT L, 2025/2152, 23.10.2025',
  url: 'https://eur-lex.europa.eu/eli/reg_del/2025/2152/oj',
  note: 'SEK-motvärdena finns i kommissionens meddelande C/2025/7081, EUT C, 2025/5732, 23.10.2025 (https://eur-lex.europa.eu/legal-content/SV/TXT/?uri=CELEX:52025XC05732), som inte är inläst här.',
};
/** The threshold for social and other specific services is set in the directive itself (not revised every two years). */
const SOCIAL = (eu: Source): Source => ({
  act: 'Direktiv 2014/24/EU art. 4 d (LOU bilaga 2)',
  reference: 'EUT L 94, 28.3.2014, s. 65',
  url: eu.url,
  note: `EUR 750 000 står i direktivet; SEK-motvärdet är periodens, samma som för ${eu.act}. ${eu.note ?? ''}`.trim(),
});

/**
 * The rate used for 2026–2027 until the official SEK amounts are read: the rate behind the last
 * published amounts (2024–2025: EUR 221 000 = 2 389 585 kr, EUR 5 538 000 = 59 880 179 kr). The official
 * rate for 2026–2027 is the Commission's average over the 24 months to 31 August 2025, so the official
 * amounts differ from these by the change in the krona since; replace them when read.
 */
export const RATE_2026_APPROXIMATION: ExchangeRate = {
  sekPerEur: 10.8126,
  basis: '2024–2025',
  source: {
    act: 'Tröskelvärden 2024–2025 i kronor (221 000 EUR = 2 389 585 kr; 5 538 000 EUR = 59 880 179 kr)',
    reference: 'Upphandlingsmyndigheten, nya beloppsgränser för 2024',
    url: UHM_2024,
  },
};

function approximated(eur: number, validFrom: string, validTo: string, source: Source, rate: ExchangeRate): DatedFigure {
  return { sek: Math.round(eur * rate.sekPerEur), eur, validFrom, validTo, source, verified: false, approximation: rate };
}

/** EU thresholds for sub-central authorities such as regions, by kind of purchase. */
export const EU_THRESHOLDS: Record<PurchaseKind, readonly DatedFigure[]> = {
  'supplies-services': [
    { sek: 2_197_545, eur: 214_000, validFrom: '2020-01-01', source: EU_2019, verified: true },
    { sek: 2_236_731, eur: 215_000, validFrom: '2022-01-01', source: EU_2021, verified: true },
    { sek: 2_389_585, eur: 221_000, validFrom: '2024-01-01', source: EU_2023, verified: true },
    approximated(216_000, '2026-01-01', '2027-12-31', EU_2025, RATE_2026_APPROXIMATION),
  ],
  works: [
    { sek: 54_938_615, eur: 5_350_000, validFrom: '2020-01-01', source: EU_2019, verified: true },
    { sek: 55_991_099, eur: 5_382_000, validFrom: '2022-01-01', source: EU_2021, verified: true },
    { sek: 59_880_179, eur: 5_538_000, validFrom: '2024-01-01', source: EU_2023, verified: true },
    approximated(5_404_000, '2026-01-01', '2027-12-31', EU_2025, RATE_2026_APPROXIMATION),
  ],
  'social-services': [
    { sek: 7_701_675, eur: 750_000, validFrom: '2020-01-01', source: SOCIAL(EU_2019), verified: true },
    { sek: 7_802_550, eur: 750_000, validFrom: '2022-01-01', source: SOCIAL(EU_2021), verified: true },
    { sek: 8_109_450, eur: 750_000, validFrom: '2024-01-01', source: SOCIAL(EU_2023), verified: true },
    approximated(750_000, '2026-01-01', '2027-12-31', SOCIAL(EU_2025), RATE_2026_APPROXIMATION),
  ],
};

/** The entry in force on a day (YYYY-MM-DD): the latest validFrom on or before it, or undefined before the first. */
export function figureOn<T extends { validFrom: string }>(figures: readonly T[], day: string): T | undefined {
  let found: T | undefined;
  for (const f of figures) if (f.validFrom <= day && (!found || f.validFrom > found.validFrom)) found = f;
  return found;
}

export interface Period {
  from: string;
  /** Last day, when the next entry or the figure's own end is known. */
  to?: string;
}

/** The days an entry of a list covers: from its validFrom to the day before the next entry (or its validTo). */
export function periodOf(figures: readonly DatedFigure[], figure: DatedFigure): Period {
  const next = figures.filter((f) => f.validFrom > figure.validFrom).sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0];
  if (next) {
    const d = new Date(`${next.validFrom}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    return { from: figure.validFrom, to: d.toISOString().slice(0, 10) };
  }
  return figure.validTo ? { from: figure.validFrom, to: figure.validTo } : { from: figure.validFrom };
}

export type Route = 'existing-contract' | 'call-off' | 'direct' | 'advertised-below' | 'open-above' | 'complex';
export const ROUTES: readonly Route[] = ['existing-contract', 'call-off', 'direct', 'advertised-below', 'open-above', 'complex'];

/** Planning lead time from submitted need to signed contract, in days (a planning default, not law). */
export interface LeadTime {
  minDays: number;
  maxDays: number;
}

export const DEFAULT_LEAD_TIMES: Record<Route, LeadTime> = {
  'existing-contract': { minDays: 2, maxDays: 14 },
  'call-off': { minDays: 30, maxDays: 91 },
  direct: { minDays: 30, maxDays: 61 },
  'advertised-below': { minDays: 122, maxDays: 183 },
  'open-above': { minDays: 183, maxDays: 274 },
  complex: { minDays: 274, maxDays: 548 },
};

/**
 * The part of each route's lead time that comes after the procurement goes out, in days (a planning
 * default, not law): from the advertisement (or, without one, from asking suppliers or calling off) to a
 * signed contract. Advertised routes: tender time (LOU: "skälig tid" below the threshold; 35 days, 30 with
 * electronic tenders, in the open procedure), evaluation, award decision and at least 10 days' standstill.
 */
export const DEFAULT_AFTER_ADVERTISING_DAYS: Record<Route, number> = {
  'existing-contract': 0,
  'call-off': 30,
  direct: 21,
  'advertised-below': 61,
  'open-above': 91,
  complex: 122,
};
