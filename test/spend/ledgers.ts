import iconv from 'iconv-lite';
import { utils, write } from '@e965/xlsx';

/**
 * Supplier ledgers shaped like the regions' published "Leverantörsreskontra" files, written by the tests
 * in each variant publishers use. One Posting is one row; amounts are in kronor as numbers.
 */
export interface Posting {
  kopareId: string;
  voucher: string;
  supplier: string;
  supplierId: string;
  account: number;
  accountText: string;
  amount: number;
  day: string;
  forvaltning: string;
}

export const SORMLAND = '232100-0032';
export const VASTMANLAND = '232100-0172';

/** The year's ledger the figures are computed from by hand in spend.test.ts. */
export const LEDGER: Posting[] = [
  { kopareId: SORMLAND, voucher: 'V1', supplier: 'Medico AB', supplierId: '556111-1111', account: 6110, accountText: 'Förbrukningsmaterial', amount: 10000, day: '2025-03-10', forvaltning: 'Hälso- och sjukvård' },
  { kopareId: SORMLAND, voucher: 'V2', supplier: 'Medico AB', supplierId: '5561111111', account: 6110, accountText: 'Förbrukningsmaterial', amount: 5000, day: '2025-08-10', forvaltning: 'Hälso- och sjukvård' },
  { kopareId: SORMLAND, voucher: 'V3', supplier: 'Kontorab', supplierId: '556222-2222', account: 6540, accountText: 'IT-tjänster', amount: 800000, day: '2025-04-01', forvaltning: 'Regionstab' },
  { kopareId: SORMLAND, voucher: 'V4', supplier: 'Kontorab', supplierId: '556222-2222', account: 6540, accountText: 'IT-tjänster', amount: -50000, day: '2025-04-02', forvaltning: 'Regionstab' },
  { kopareId: SORMLAND, voucher: 'V5', supplier: 'Städ AB', supplierId: '556333-3333', account: 5410, accountText: 'Städtjänster', amount: 120000, day: '2025-05-05', forvaltning: 'Hälso- och sjukvård' },
  { kopareId: SORMLAND, voucher: 'V6', supplier: '[innehåller personuppgifter]', supplierId: '', account: 6990, accountText: 'Övriga tjänster', amount: 3000, day: '2025-05-06', forvaltning: 'Hälso- och sjukvård' },
  { kopareId: SORMLAND, voucher: 'V7', supplier: 'Anna Andersson', supplierId: '198501011234', account: 6990, accountText: 'Övriga tjänster', amount: 2000, day: '2025-05-07', forvaltning: 'Hälso- och sjukvård' },
  { kopareId: SORMLAND, voucher: 'V8', supplier: 'Region Västmanland', supplierId: '232100-0172', account: 6200, accountText: 'Köpt vård', amount: 40000, day: '2025-06-01', forvaltning: 'Regionstab' },
  { kopareId: SORMLAND, voucher: 'V9', supplier: 'Medico AB', supplierId: '556111-1111', account: 4010, accountText: 'Personalkostnad', amount: 9999, day: '2025-06-02', forvaltning: 'Hälso- och sjukvård' },
  { kopareId: SORMLAND, voucher: 'V10', supplier: 'Medico AB', supplierId: 'L1234', account: 6110, accountText: 'Förbrukningsmaterial', amount: 1000, day: '2025-06-03', forvaltning: 'Hälso- och sjukvård' },
  { kopareId: VASTMANLAND, voucher: 'V1', supplier: 'Kontorab', supplierId: '556222-2222', account: 6540, accountText: 'IT-tjänster', amount: 2000, day: '2025-03-10', forvaltning: 'Vuxenpsykiatri' },
];

const SPEC_HEADER = ['kopare_id', 'kopare', 'verifikationsnummer', 'leverantor', 'leverantor_id', 'konto_nr', 'konto_text', 'belopp', 'datum', 'forvaltning', 'fakturanummer', 'grund', 'avtal', 'kommun_id', 's_kod_nr'];
const buyerName = (id: string) => (id === SORMLAND ? 'Region Sörmland' : 'Region Västmanland');
const commaDecimal = (n: number) => n.toFixed(2).replace('.', ',');
const quote = (s: string) => (/[",;\t\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The specification as written: `;`, UTF-8, LF, decimal point, all 15 columns. */
export function specCsv(rows: Posting[]): Buffer {
  const lines = [SPEC_HEADER.join(';'), ...rows.map((r) => [r.kopareId, buyerName(r.kopareId), r.voucher, r.supplier, r.supplierId, r.account, r.accountText, r.amount.toFixed(2), r.day, r.forvaltning, '-', '', '', '', ''].map((c) => quote(String(c))).join(';'))];
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** `;` with CR-only line ends, `bokforingsdatum`/`nettobelopp`, decimal comma, Windows-1252, buyer without hyphen. */
export function crOnlyCsv(rows: Posting[]): Buffer {
  const header = 'kopare_id;verifikationsnummer;leverantor;leverantor_id;konto_nr;konto_text;nettobelopp;bokforingsdatum;forvaltning';
  const lines = rows.map((r) => [r.kopareId.replace('-', ''), r.voucher, r.supplier, r.supplierId, r.account, r.accountText, commaDecimal(r.amount), r.day, r.forvaltning].map((c) => quote(String(c))).join(';'));
  return iconv.encode([header, ...lines].join('\r') + '\r', 'win1252');
}

/** `,`-separated UTF-16 with a BOM (LE or BE) and decimal commas (amounts quoted). */
export function utf16Csv(rows: Posting[], endian: 'le' | 'be' = 'le'): Buffer {
  const lines = [SPEC_HEADER.slice(0, 10).join(','), ...rows.map((r) => [r.kopareId, buyerName(r.kopareId), r.voucher, r.supplier, r.supplierId, r.account, r.accountText, `"${commaDecimal(r.amount)}"`, r.day, r.forvaltning].map((c) => (String(c).startsWith('"') ? String(c) : quote(String(c)))).join(','))];
  const text = lines.join('\r\n');
  return endian === 'le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]) : Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
}

/** Swedish headers, tab-separated, UTF-8 with a BOM, CRLF, org numbers without hyphen, "1 234,50". */
export function swedishCsv(rows: Posting[]): Buffer {
  const header = ['Köpar-ID', 'Verifikationsnummer', 'Leverantör', 'Organisationsnummer', 'Konto', 'Kontotext', 'Belopp exkl moms', 'Bokföringsdatum', 'Förvaltning'].join('\t');
  const thousands = (n: number) => {
    const [int, dec] = Math.abs(n).toFixed(2).split('.');
    return `${n < 0 ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${dec}`;
  };
  const lines = rows.map((r) => [r.kopareId, r.voucher, r.supplier, r.supplierId.replace('-', ''), r.account, r.accountText, thousands(r.amount), r.day, r.forvaltning].join('\t'));
  return Buffer.from('\ufeff' + [header, ...lines].join('\r\n') + '\r\n', 'utf8');
}

/** An Excel workbook: a title row above the header, real numbers and real dates. */
export function ledgerXlsx(rows: Posting[]): Buffer {
  const aoa: unknown[][] = [
    ['Leverantörsreskontra 2025'],
    SPEC_HEADER.slice(0, 10),
    ...rows.map((r) => [r.kopareId, buyerName(r.kopareId), r.voucher, r.supplier, r.supplierId, r.account, r.accountText, r.amount, new Date(`${r.day}T00:00:00Z`), r.forvaltning]),
  ];
  const ws = utils.aoa_to_sheet(aoa, { cellDates: true, dateNF: 'yyyy-mm-dd' });
  const wb = utils.book_new();
  utils.book_append_sheet(wb, ws, 'Reskontra');
  return write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
