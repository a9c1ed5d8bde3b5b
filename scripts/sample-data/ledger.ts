/**
 * Builds a fictional supplier ledger ("Leverantörsreskontra" 1.1) for both regions, 2025 and 2026 up to
 * November, against the sample contracts, deterministically (same seed → same file). It tells the story
 * the avtalstrohet card and page are made for:
 *   - most purchase-account spend goes to suppliers of data/sample-contracts.csv, on days their contract
 *     covers the buying region;
 *   - a tail of suppliers without a contract: a few above the direct-procurement limit in a year, some
 *     above the documentation-duty limit, many small ones;
 *   - suppliers still paid some months after their contract ended;
 *   - public bodies (org numbers starting with 2), non-purchase accounts (4xxx, 8xxx), rows masked by the
 *     publisher, and credit notes;
 *   - 2026 with less uncontracted spend than 2025, so the card shows a trend.
 * Every name and org number is made up (org numbers with a wrong check digit, as in generate.ts).
 *
 *   npm run sample:ledger   → data/sample-ledger.csv (semicolon-separated UTF-8, decimal commas)
 */
import fs from 'node:fs';
import { addDays } from '../../src/core/dates';
import { parseSupplier } from '../../src/contracts/csv-import';
import { fromRoot } from '../../src/util/paths';
import { prng } from './generate';

export const SAMPLE_LEDGER_FILE = fromRoot('data', 'sample-ledger.csv');
const CONTRACTS_FILE = fromRoot('data', 'sample-contracts.csv');

type RegionName = 'Sörmland' | 'Västmanland';
const BUYERS: Record<RegionName, { id: string; name: string }> = {
  Sörmland: { id: '232100-0032', name: 'Region Sörmland' },
  Västmanland: { id: '232100-0172', name: 'Region Västmanland' },
};
const REGIONS: RegionName[] = ['Sörmland', 'Västmanland'];

/** The months the ledger covers: 2025-01 … 2026-11. */
const MONTHS: { year: number; month: number }[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ year: 2025, month: i + 1 })),
  ...Array.from({ length: 11 }, (_, i) => ({ year: 2026, month: i + 1 })),
];

/** Administrations (förvaltningar) and how much of a region's buying each does. */
const ADMINISTRATIONS: Record<RegionName, { name: string; weight: number }[]> = {
  Sörmland: [
    { name: 'Hälso- och sjukvårdsförvaltningen', weight: 55 },
    { name: 'Regionservice', weight: 20 },
    { name: 'Tandvården', weight: 8 },
    { name: 'Kultur- och utbildningsförvaltningen', weight: 7 },
    { name: 'Regionledningskontoret', weight: 10 },
  ],
  Västmanland: [
    { name: 'Hälso- och sjukvårdsförvaltningen', weight: 55 },
    { name: 'Regionservice', weight: 18 },
    { name: 'Folktandvården', weight: 9 },
    { name: 'Kollektivtrafikförvaltningen', weight: 8 },
    { name: 'Kultur- och utbildningsförvaltningen', weight: 10 },
  ],
};

/** A purchase account per contract category (inside the default SPEND_ACCOUNTS 5000-5799,6000-7999) and a typical invoice. */
const CATEGORY_ACCOUNTS: Record<string, { account: number; text: string; median: number; weight: number }> = {
  medicinteknik: { account: 5510, text: 'Medicintekniska produkter', median: 38_000, weight: 14 },
  lakemedel: { account: 5450, text: 'Läkemedel utanför förmånen', median: 45_000, weight: 10 },
  'vard-omsorgsmaterial': { account: 5520, text: 'Sjukvårdsmaterial', median: 14_000, weight: 18 },
  laboratorium: { account: 5530, text: 'Laboratoriematerial', median: 22_000, weight: 8 },
  'it-telekom': { account: 6540, text: 'IT-tjänster', median: 42_000, weight: 10 },
  konsulttjanster: { account: 6550, text: 'Konsulttjänster', median: 65_000, weight: 6 },
  tjanster: { account: 6990, text: 'Övriga främmande tjänster', median: 24_000, weight: 9 },
  'fastighet-bygg': { account: 6150, text: 'Reparation och underhåll av lokaler', median: 55_000, weight: 7 },
  'transporter-fordon': { account: 6310, text: 'Transporttjänster', median: 26_000, weight: 6 },
  livsmedel: { account: 5610, text: 'Livsmedel', median: 16_000, weight: 7 },
  'kontor-allmant': { account: 5460, text: 'Kontorsmaterial och trycksaker', median: 4_500, weight: 5 },
};

/**
 * Suppliers without any contract in the catalogue: fictional names, org numbers 556/559 with a wrong check
 * digit. `perMonth` is the chance of an invoice in a month, `median` its typical size: with ~1 invoice a
 * month of ~100 000 kr a supplier passes the direct-procurement limit (700 000 kr) in a year.
 */
interface TailSupplier {
  name: string;
  orgNr: string;
  account: number;
  text: string;
  median: number;
  perMonth: number;
  regions: RegionName[];
  admin: string;
}
const TAIL: TailSupplier[] = [
  // Above the direct-procurement limit in a year.
  { name: 'Kvarnbacka Bemanning Vård AB', orgNr: '556812-4471', account: 6560, text: 'Inhyrd personal', median: 216_000, perMonth: 0.95, regions: ['Sörmland', 'Västmanland'], admin: 'Hälso- och sjukvårdsförvaltningen' },
  { name: 'Ljungmo Fastighetsservice AB', orgNr: '559204-8813', account: 6150, text: 'Reparation och underhåll av lokaler', median: 152_000, perMonth: 0.9, regions: ['Sörmland'], admin: 'Regionservice' },
  { name: 'Nordvik Datakonsult AB', orgNr: '556934-2208', account: 6550, text: 'Konsulttjänster', median: 176_000, perMonth: 0.8, regions: ['Västmanland'], admin: 'Regionledningskontoret' },
  { name: 'Strömsby Tryck & Media AB', orgNr: '559117-6524', account: 6420, text: 'Tryck och reklam', median: 128_000, perMonth: 0.85, regions: ['Sörmland', 'Västmanland'], admin: 'Kultur- och utbildningsförvaltningen' },
  { name: 'Aspö Medicinska Tjänster AB', orgNr: '556701-9935', account: 6230, text: 'Köpta medicinska tjänster', median: 192_000, perMonth: 0.75, regions: ['Västmanland'], admin: 'Hälso- och sjukvårdsförvaltningen' },
  // Above the documentation-duty limit (100 000 kr), below the direct-procurement limit.
  { name: 'Gransjö Städ & Fönsterputs AB', orgNr: '559388-1048', account: 6210, text: 'Städtjänster', median: 44_800, perMonth: 0.5, regions: ['Sörmland'], admin: 'Regionservice' },
  { name: 'Hagalund Möbelsnickeri AB', orgNr: '556455-7392', account: 5420, text: 'Inventarier', median: 72_000, perMonth: 0.35, regions: ['Sörmland', 'Västmanland'], admin: 'Tandvården' },
  { name: 'Björkvreten Konferens AB', orgNr: '559071-3386', account: 6430, text: 'Konferens och representation', median: 51_200, perMonth: 0.4, regions: ['Västmanland'], admin: 'Kultur- och utbildningsförvaltningen' },
  { name: 'Ekerö Kyl & Ventilation AB', orgNr: '556528-6610', account: 6150, text: 'Reparation och underhåll av lokaler', median: 60_800, perMonth: 0.45, regions: ['Västmanland'], admin: 'Regionservice' },
  { name: 'Sjövalla Översättningar AB', orgNr: '559432-9179', account: 6990, text: 'Övriga främmande tjänster', median: 35_200, perMonth: 0.5, regions: ['Sörmland'], admin: 'Hälso- och sjukvårdsförvaltningen' },
  { name: 'Tallåsen Skyltmakeri AB', orgNr: '556390-4459', account: 6420, text: 'Tryck och reklam', median: 41_600, perMonth: 0.4, regions: ['Sörmland', 'Västmanland'], admin: 'Regionservice' },
  { name: 'Mossberga Labbteknik AB', orgNr: '559266-0721', account: 5530, text: 'Laboratoriematerial', median: 48_000, perMonth: 0.45, regions: ['Västmanland'], admin: 'Hälso- och sjukvårdsförvaltningen' },
  { name: 'Östanby Utbildning & Coaching AB', orgNr: '556617-2834', account: 6570, text: 'Utbildningstjänster', median: 64_000, perMonth: 0.35, regions: ['Sörmland'], admin: 'Regionledningskontoret' },
  { name: 'Vretstorp Tandteknik AB', orgNr: '559155-8346', account: 5540, text: 'Tandvårdsmaterial', median: 38_400, perMonth: 0.5, regions: ['Sörmland'], admin: 'Tandvården' },
  { name: 'Lindholmen Tandtekniska AB', orgNr: '556843-1159', account: 5540, text: 'Tandvårdsmaterial', median: 35_200, perMonth: 0.5, regions: ['Västmanland'], admin: 'Folktandvården' },
  // Small, now and then.
  { name: 'Backa Blommor & Kransar AB', orgNr: '559310-2265', account: 6430, text: 'Konferens och representation', median: 5_100, perMonth: 0.4, regions: ['Sörmland', 'Västmanland'], admin: 'Regionledningskontoret' },
  { name: 'Granlunda Cykelverkstad AB', orgNr: '556287-9943', account: 6310, text: 'Transporttjänster', median: 7_700, perMonth: 0.25, regions: ['Sörmland'], admin: 'Regionservice' },
  { name: 'Solgläntan Café & Catering AB', orgNr: '559488-5512', account: 5610, text: 'Livsmedel', median: 10_400, perMonth: 0.45, regions: ['Sörmland', 'Västmanland'], admin: 'Kultur- och utbildningsförvaltningen' },
  { name: 'Runnabo Låssmed AB', orgNr: '556762-3308', account: 6150, text: 'Reparation och underhåll av lokaler', median: 12_600, perMonth: 0.3, regions: ['Västmanland'], admin: 'Regionservice' },
  { name: 'Hästhagen Friskvård AB', orgNr: '559023-7746', account: 6990, text: 'Övriga främmande tjänster', median: 15_200, perMonth: 0.2, regions: ['Sörmland'], admin: 'Hälso- och sjukvårdsförvaltningen' },
  { name: 'Kolbäcken Foto & Film AB', orgNr: '556981-5527', account: 6420, text: 'Tryck och reklam', median: 19_200, perMonth: 0.15, regions: ['Sörmland', 'Västmanland'], admin: 'Kultur- och utbildningsförvaltningen' },
  { name: 'Stensätra Glasmästeri AB', orgNr: '559172-4459', account: 6150, text: 'Reparation och underhåll av lokaler', median: 14_100, perMonth: 0.2, regions: ['Västmanland'], admin: 'Folktandvården' },
  { name: 'Myrby Arbetskläder AB', orgNr: '556349-6680', account: 5470, text: 'Arbetskläder och skyddsutrustning', median: 10_200, perMonth: 0.3, regions: ['Sörmland'], admin: 'Regionservice' },
  { name: 'Fågelsta Ljud & Ljus AB', orgNr: '559241-3398', account: 6430, text: 'Konferens och representation', median: 22_400, perMonth: 0.12, regions: ['Västmanland'], admin: 'Kultur- och utbildningsförvaltningen' },
  { name: 'Ängsbacka Ergonomi AB', orgNr: '556574-8823', account: 5420, text: 'Inventarier', median: 15_800, perMonth: 0.2, regions: ['Sörmland', 'Västmanland'], admin: 'Hälso- och sjukvårdsförvaltningen' },
  { name: 'Lövhagen Kaffeservice AB', orgNr: '559355-1170', account: 5610, text: 'Livsmedel', median: 4_300, perMonth: 0.55, regions: ['Västmanland'], admin: 'Kollektivtrafikförvaltningen' },
  { name: 'Norrsunda Hydraulik AB', orgNr: '556498-2216', account: 6320, text: 'Fordonsunderhåll', median: 24_800, perMonth: 0.2, regions: ['Västmanland'], admin: 'Kollektivtrafikförvaltningen' },
];

/** Public bodies (org numbers starting with 2): fictional names. */
const PUBLIC_BODIES = [
  { name: 'Kommunalförbundet Mälarstrand', orgNr: '222000-1843' },
  { name: 'Ekeby kommun', orgNr: '212000-4418' },
  { name: 'Räddningstjänsten Mellersta Exempelbygden', orgNr: '222000-3359' },
  { name: 'Myndigheten för vårdexempel', orgNr: '202100-9926' },
];
const PUBLIC_ACCOUNTS = [
  { account: 6230, text: 'Köpta medicinska tjänster' },
  { account: 6990, text: 'Övriga främmande tjänster' },
];

/** Non-purchase accounts (outside the default purchase ranges): they are shown beside the share, not in it. */
const EXCLUDED = [
  { account: 4510, text: 'Läkemedel inom förmånen', median: 180_000, pool: ['Apoteksgrossen Exempel AB|556104-8827', 'Farmadistribution Mälar AB|559077-1135'] },
  { account: 8410, text: 'Räntekostnader', median: 60_000, pool: ['Exempelbanken Finans AB|556220-7761'] },
  { account: 4990, text: 'Övriga kostnader för köpt vård', median: 90_000, pool: ['Kvarnbacka Bemanning Vård AB|556812-4471', 'Aspö Medicinska Tjänster AB|556701-9935'] },
];

interface SampleContract {
  id: string;
  category: string;
  suppliers: { name: string; orgNr: string; rank: number }[];
  validFrom: string;
  validTo: string;
  regions: RegionName[];
}

/** The sample contracts, read from data/sample-contracts.csv (the file the sample seeds). */
export function readSampleContracts(file = CONTRACTS_FILE): SampleContract[] {
  const lines = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
  const header = lines[0].split(';');
  const col = (name: string) => header.indexOf(name);
  const [id, category, suppliers, from, to, regions] = ['contract_id', 'category', 'suppliers', 'valid_from', 'valid_to', 'regions'].map(col);
  return lines.slice(1).map((line) => {
    const f = line.split(';');
    return {
      id: f[id],
      category: f[category],
      suppliers: f[suppliers]
        .split('|')
        .map(parseSupplier)
        .filter((s) => s.orgNr)
        .map((s) => ({ name: s.name, orgNr: s.orgNr!, rank: s.rank ?? 1 })),
      validFrom: f[from],
      validTo: f[to],
      regions: f[regions].split('|') as RegionName[],
    };
  });
}

export interface LedgerRow {
  region: RegionName;
  voucher: string;
  supplier: string;
  supplierId: string;
  account: number;
  accountText: string;
  /** Kronor with öre. */
  amount: number;
  day: string;
  forvaltning: string;
  invoice: string;
}

function weighted<T>(rand: () => number, items: readonly T[], weight: (t: T) => number): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let r = rand() * total;
  for (const t of items) {
    r -= weight(t);
    if (r <= 0) return t;
  }
  return items[items.length - 1];
}

/** A log-normal amount around a median (most invoices near it, a few much larger), in whole kronor and öre. */
function amountAround(rand: () => number, median: number, spread = 0.8): number {
  const u = Math.max(rand(), 1e-9);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  return Math.max(150, Math.round(median * Math.exp(spread * z) * 100) / 100);
}

/** A weekday of the month (the ledger books on working days). */
function workday(rand: () => number, year: number, month: number): string {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  for (;;) {
    const d = 1 + Math.floor(rand() * days);
    const wd = new Date(Date.UTC(year, month - 1, d)).getUTCDay();
    if (wd !== 0 && wd !== 6) return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
}

const LAST_DAY = '2026-11-30';

/** The rows of the sample ledger, in date order per region. */
export function generateSampleLedger(contracts: SampleContract[] = readSampleContracts(), seed = 20261130): LedgerRow[] {
  const rand = prng(seed);
  const rows: LedgerRow[] = [];
  for (const region of REGIONS) {
    const mine = contracts.filter((c) => c.regions.includes(region) && c.suppliers.length > 0 && CATEGORY_ACCOUNTS[c.category]);
    const admins = ADMINISTRATIONS[region];
    const regionRows: Omit<LedgerRow, 'voucher' | 'invoice'>[] = [];
    const add = (r: Omit<LedgerRow, 'region' | 'voucher' | 'invoice'>) => {
      if (r.day > LAST_DAY) return;
      regionRows.push({ region, ...r });
      // About one invoice in thirty is followed by a credit note (part or all of it) a few days later.
      if (r.amount > 0 && rand() < 0.035) {
        const share = rand() < 0.3 ? 1 : 0.1 + rand() * 0.5;
        const day = addDays(r.day, 3 + Math.floor(rand() * 20));
        if (day <= LAST_DAY) regionRows.push({ region, ...r, day, amount: -Math.round(r.amount * share * 100) / 100 });
      }
    };
    // Suppliers still paid after their contract ended: the supplier's org number has no other contract in the region later.
    const endedSuppliers = mine.flatMap((c) =>
      c.validTo >= '2024-10-01' && c.validTo <= '2026-09-30'
        ? c.suppliers.filter((s) => s.rank === 1 && !mine.some((o) => o !== c && o.validTo > c.validTo && o.suppliers.some((x) => x.orgNr === s.orgNr))).map((s) => ({ contract: c, supplier: s }))
        : [],
    );
    const afterEnd = endedSuppliers.filter((_, i) => i % 2 === 0);

    for (const { year, month } of MONTHS) {
      // Uncontracted buying falls in 2026: the trend the card shows.
      const tailScale = year === 2025 ? 1.15 : 0.85;
      const monthStart = `${year}-${String(month).padStart(2, '0')}-01`;
      // Contracted: invoices from suppliers of contracts that cover the region on the day.
      for (let i = 0; i < 50; i++) {
        const day = workday(rand, year, month);
        const valid = mine.filter((c) => c.validFrom <= day && day <= c.validTo);
        if (valid.length === 0) continue;
        const c = weighted(rand, valid, (v) => CATEGORY_ACCOUNTS[v.category].weight / Math.sqrt(valid.filter((x) => x.category === v.category).length));
        const s = weighted(rand, c.suppliers, (x) => 1 / x.rank);
        const acc = CATEGORY_ACCOUNTS[c.category];
        const forvaltning = c.category === 'livsmedel' || c.category === 'fastighet-bygg' ? admins[1].name : weighted(rand, admins, (a) => a.weight).name;
        add({ supplier: s.name, supplierId: s.orgNr, account: acc.account, accountText: acc.text, amount: amountAround(rand, acc.median), day, forvaltning });
      }
      // The uncontracted tail.
      for (const t of TAIL) {
        if (!t.regions.includes(region) || rand() >= Math.min(1, t.perMonth * tailScale)) continue;
        const admin = admins.find((a) => a.name === t.admin)?.name ?? weighted(rand, admins, (a) => a.weight).name;
        add({ supplier: t.name, supplierId: t.orgNr, account: t.account, accountText: t.text, amount: amountAround(rand, t.median, 0.45), day: workday(rand, year, month), forvaltning: admin });
      }
      // Invoices from suppliers in the first five months after their contract ended.
      for (const { contract, supplier } of afterEnd) {
        const end = contract.validTo;
        if (monthStart <= end || monthStart > addDays(end, 150) || rand() >= 0.7) continue;
        const acc = CATEGORY_ACCOUNTS[contract.category];
        let day = workday(rand, year, month);
        if (day <= end) day = addDays(end, 1 + Math.floor(rand() * 5));
        add({ supplier: supplier.name, supplierId: supplier.orgNr, account: acc.account, accountText: acc.text, amount: amountAround(rand, acc.median), day, forvaltning: weighted(rand, admins, (a) => a.weight).name });
      }
      // Public bodies: outside the share.
      for (let i = 0; i < 3; i++) {
        const p = PUBLIC_BODIES[Math.floor(rand() * PUBLIC_BODIES.length)];
        const acc = PUBLIC_ACCOUNTS[Math.floor(rand() * PUBLIC_ACCOUNTS.length)];
        add({ supplier: p.name, supplierId: p.orgNr, account: acc.account, accountText: acc.text, amount: amountAround(rand, 35_000), day: workday(rand, year, month), forvaltning: admins[0].name });
      }
      // Non-purchase accounts.
      for (let i = 0; i < 5; i++) {
        const e = EXCLUDED[Math.floor(rand() * EXCLUDED.length)];
        const [name, orgNr] = e.pool[Math.floor(rand() * e.pool.length)].split('|');
        add({ supplier: name, supplierId: orgNr, account: e.account, accountText: e.text, amount: amountAround(rand, e.median, 0.5), day: workday(rand, year, month), forvaltning: e.account === 8410 ? admins[admins.length - 1].name : admins[0].name });
      }
      // Rows the publisher masked (a sole trader's personal data).
      if (rand() < 0.6) {
        add({ supplier: rand() < 0.8 ? '[innehåller personuppgifter]' : '*', supplierId: '', account: 6990, accountText: 'Övriga främmande tjänster', amount: amountAround(rand, 6_000), day: workday(rand, year, month), forvaltning: weighted(rand, admins, (a) => a.weight).name });
      }
    }
    regionRows.sort((a, b) => a.day.localeCompare(b.day));
    const seqs = new Map<string, number>();
    for (const r of regionRows) {
      const y = r.day.slice(0, 4);
      const n = (seqs.get(y) ?? 0) + 1;
      seqs.set(y, n);
      rows.push({ ...r, voucher: `${region === 'Sörmland' ? 'S' : 'V'}${y}-${String(n).padStart(5, '0')}`, invoice: String(100000 + Math.floor(rand() * 899999)) });
    }
  }
  return rows;
}

const HEADER = ['kopare_id', 'kopare', 'verifikationsnummer', 'leverantor', 'leverantor_id', 'konto_nr', 'konto_text', 'belopp', 'datum', 'forvaltning', 'fakturanummer', 'grund', 'avtal', 'kommun_id', 's_kod_nr'];

/** The rows as the specification's file: `;`, UTF-8, decimal commas, all 15 columns (the optional ones mostly empty). */
export function ledgerCsv(rows: LedgerRow[]): string {
  const out = [HEADER.join(';')];
  for (const r of rows) {
    const b = BUYERS[r.region];
    const masked = r.supplierId === '';
    out.push([b.id, b.name, r.voucher, r.supplier, r.supplierId, r.account, r.accountText, r.amount.toFixed(2).replace('.', ','), r.day, r.forvaltning, masked ? '' : r.invoice, '', '', '', ''].join(';'));
  }
  return out.join('\n') + '\n';
}

if (require.main === module) {
  const rows = generateSampleLedger();
  fs.writeFileSync(SAMPLE_LEDGER_FILE, ledgerCsv(rows));
  console.log(`wrote ${rows.length} postings to ${SAMPLE_LEDGER_FILE}`);
}
