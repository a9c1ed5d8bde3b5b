/**
 * Builds the fictional sample contracts from the hand-written catalogue, deterministically
 * (same seed → same file), with dates relative to REFERENCE_DAY:
 * some expired (several with an active successor), some expiring within 90 days, some not yet
 * started, many with extension options, and ranked frameworks with several suppliers.
 *
 *   npm run sample:generate   → data/sample-contracts.csv
 */
import fs from 'node:fs';
import { CARE_CATALOG, CARE_SUPPLIERS } from './catalog-care';
import { OTHER_CATALOG, OTHER_SUPPLIERS } from './catalog-other';
import { toCsv } from '../../src/contracts/csv-import';
import { fromRoot } from '../../src/util/paths';
import { Contract, ContractType, OrderingMethod, contractSchema } from '../../src/contracts/model';
import { Region } from '../../src/core/vocabulary';

/** The categories the sample data files its contracts under: the ones the first migration ships. */
type CategorySlug =
  | 'medicinteknik'
  | 'lakemedel'
  | 'vard-omsorgsmaterial'
  | 'laboratorium'
  | 'it-telekom'
  | 'konsulttjanster'
  | 'tjanster'
  | 'fastighet-bygg'
  | 'transporter-fordon'
  | 'livsmedel'
  | 'kontor-allmant';
import { addDays } from '../../src/core/dates';

/** The day the sample's statuses were laid out against (and the day the relevance tests pin). */
export const REFERENCE_DAY = '2026-11-21';

interface Entry {
  key: string;
  title: string;
  description: string;
  category: CategorySlug;
  keywords: string[];
  cpv: string[];
  type: ContractType;
  ordering: OrderingMethod;
  supplierCount: number;
  framework?: string;
}

export const CATALOG: Entry[] = [...CARE_CATALOG, ...OTHER_CATALOG];
export const SUPPLIERS: Record<CategorySlug, string[]> = { ...CARE_SUPPLIERS, ...OTHER_SUPPLIERS };

/** mulberry32: a tiny seeded PRNG, so the sample never changes between runs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BUYERS = [
  'Anna Lindqvist',
  'Johan Eriksson',
  'Maria Holm',
  'Erik Sandberg',
  'Sara Nyberg',
  'Karin Åberg',
  'Mikael Berglund',
  'Lena Söderström',
  'Peter Wallin',
  'Emma Forsberg',
  'Ahmed Karimi',
  'Sofia Lundgren',
  'Niklas Ström',
  'Helena Björk',
  'Fredrik Öberg',
  'Amira Hassan',
];

const ascii = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** An org.nr-shaped number whose check digit is deliberately wrong, so it can never be a real company's. */
function fictionalOrgNr(rand: () => number): string {
  const digits = [5, 5, 9, ...Array.from({ length: 6 }, () => Math.floor(rand() * 10))];
  const sum = digits.reduce((acc, d, i) => {
    const v = i % 2 === 0 ? d * 2 : d;
    return acc + (v > 9 ? v - 9 : v);
  }, 0);
  const luhn = (10 - (sum % 10)) % 10;
  const wrong = (luhn + 1 + Math.floor(rand() * 8)) % 10;
  const all = [...digits, wrong].join('');
  return `${all.slice(0, 6)}-${all.slice(6)}`;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function pickSuppliers(rand: () => number, category: CategorySlug, count: number) {
  const pool = [...SUPPLIERS[category]];
  const chosen: string[] = [];
  while (chosen.length < Math.min(count, pool.length)) {
    const name = pool.splice(Math.floor(rand() * pool.length), 1)[0];
    chosen.push(name);
  }
  return chosen.map((name, i) => ({
    name,
    orgNr: fictionalOrgNr(rand),
    ...(count > 1 ? { rank: i + 1 } : {}),
  }));
}

function regionsFor(rand: () => number): Region[] {
  const r = rand();
  if (r < 0.7) return ['Sörmland', 'Västmanland'];
  return r < 0.85 ? ['Sörmland'] : ['Västmanland'];
}

function idFor(entry: Entry, year: number, seq: number, regions: Region[]): string {
  const n = String(seq).padStart(4, '0');
  if (entry.type === 'externt-ramavtal') {
    if (entry.framework === 'Kammarkollegiet') return `SIC-${String(year).slice(2)}.${(seq % 9) + 1}-${n}`;
    if (entry.framework === 'Varuförsörjningen') return `VF-${year}-${n}`;
    return `ADDA-${year}-${n}`;
  }
  return `${regions.length === 1 && regions[0] === 'Västmanland' ? 'RV' : 'RS'}-${year}-${n}`;
}

function describe(entry: Entry): string {
  if (entry.type === 'externt-ramavtal' && entry.framework && !entry.description.includes(entry.framework)) {
    return `${entry.description} Avropas från ${entry.framework}s ramavtal.`;
  }
  return entry.description;
}

interface Dates {
  validFrom: string;
  validTo: string;
  maxExtensionTo: string | null;
}

function datesFor(rand: () => number, bucket: 'expired' | 'expiring' | 'upcoming' | 'active'): Dates {
  let validTo: string;
  let validFrom: string;
  const years = 2 + Math.floor(rand() * 3);
  if (bucket === 'expired') {
    validTo = addDays(REFERENCE_DAY, -(20 + Math.floor(rand() * 700)));
    validFrom = addDays(validTo, -365 * years);
  } else if (bucket === 'expiring') {
    validTo = addDays(REFERENCE_DAY, 5 + Math.floor(rand() * 80));
    validFrom = addDays(validTo, -365 * years);
  } else if (bucket === 'upcoming') {
    validFrom = addDays(REFERENCE_DAY, 10 + Math.floor(rand() * 100));
    validTo = addDays(validFrom, 365 * years);
  } else {
    validTo = addDays(REFERENCE_DAY, 120 + Math.floor(rand() * 1100));
    validFrom = addDays(validTo, -365 * years);
    if (validFrom > REFERENCE_DAY) validFrom = addDays(REFERENCE_DAY, -30);
  }
  const ext = rand();
  const maxExtensionTo = ext < 0.35 ? addDays(validTo, 365) : ext < 0.55 ? addDays(validTo, 730) : null;
  return { validFrom, validTo, maxExtensionTo };
}

function contractFrom(entry: Entry, rand: () => number, id: string, regions: Region[], dates: Dates, title = entry.title): Contract {
  const buyer = pick(rand, BUYERS);
  const [first, last] = ascii(buyer).split(' ');
  return contractSchema.parse({
    contractId: id,
    title,
    description: describe(entry),
    category: entry.category,
    suppliers: pickSuppliers(rand, entry.category, entry.supplierCount),
    keywords: entry.keywords,
    cpvCodes: entry.cpv,
    ...dates,
    regions,
    orderingMethod: entry.ordering,
    contactName: buyer,
    contactEmail: `${first}.${last}@inkop.example.org`,
    url: `https://avtal.example.org/avtal/${encodeURIComponent(id)}`,
    contractType: entry.type,
  });
}

/** The sample: every catalogue entry once, plus expired predecessors and per-region splits for some. */
export function generateSampleContracts(seed = 20261121): Contract[] {
  const rand = prng(seed);
  const out: Contract[] = [];
  let seq = 100;
  CATALOG.forEach((entry, i) => {
    const r = rand();
    const bucket = r < 0.1 ? 'expired' : r < 0.2 ? 'expiring' : r < 0.25 ? 'upcoming' : 'active';
    const dates = datesFor(rand, bucket);
    const regions = regionsFor(rand);
    const year = Number(dates.validFrom.slice(0, 4));
    out.push(contractFrom(entry, rand, idFor(entry, year, ++seq, regions), regions, dates));
    // Every ninth active contract replaced an earlier one that has now expired.
    if (bucket === 'active' && i % 9 === 4) {
      const prevTo = addDays(dates.validFrom, -1);
      const prev = { validFrom: addDays(prevTo, -365 * 3), validTo: prevTo, maxExtensionTo: null };
      out.push(contractFrom(entry, rand, idFor(entry, Number(prev.validFrom.slice(0, 4)), ++seq, regions), regions, prev));
    }
  });
  return out;
}

const QUALIFIERS = ['delområde', 'Sörmland', 'Västmanland', 'Västerås', 'Eskilstuna', 'Nyköping', 'Katrineholm', 'Köping', 'Sala', 'Strängnäs'];

/** n contracts for benchmarks: the catalogue again and again, with qualifiers, random suppliers and dates. */
export function generateBenchContracts(n: number, seed = 4711): Contract[] {
  const rand = prng(seed);
  const out: Contract[] = [];
  for (let i = 0; i < n; i++) {
    const entry = CATALOG[i % CATALOG.length];
    const round = Math.floor(i / CATALOG.length);
    const title = round === 0 ? entry.title : `${entry.title} – ${QUALIFIERS[round % QUALIFIERS.length]} ${round}`;
    const r = rand();
    const dates = datesFor(rand, r < 0.2 ? 'expired' : r < 0.3 ? 'expiring' : 'active');
    out.push(contractFrom(entry, rand, `B-${String(i).padStart(6, '0')}`, regionsFor(rand), dates, title));
  }
  return out;
}

if (require.main === module) {
  const contracts = generateSampleContracts();
  const target = fromRoot('data', 'sample-contracts.csv');
  fs.writeFileSync(target, toCsv(contracts));
  console.log(`wrote ${contracts.length} contracts to ${target}`);
}
