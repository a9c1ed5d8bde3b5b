import { foldText } from '../../util/text';

/**
 * The columns of "Leverantörsreskontra" 1.1 and the names publishers use for them. Headers are compared
 * folded (no case, diacritics or punctuation), so "Leverantör" and "leverantor" are one column.
 */
export const LEDGER_COLUMNS = [
  'kopare_id',
  'kopare',
  'verifikationsnummer',
  'leverantor',
  'leverantor_id',
  'konto_nr',
  'konto_text',
  'belopp',
  'datum',
  'forvaltning',
  'fakturanummer',
  'grund',
  'avtal',
  'kommun_id',
  's_kod_nr',
] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

/** Without these a posting cannot be identified or counted (kopare_id may be absent only in the CLI's named-buyer mode). */
export const REQUIRED: readonly LedgerColumn[] = ['kopare_id', 'verifikationsnummer', 'leverantor', 'leverantor_id', 'konto_nr', 'belopp', 'datum'];

const ALIASES: Record<LedgerColumn, string[]> = {
  kopare_id: ['kopar id', 'koparid', 'kopare orgnr', 'kopare organisationsnummer', 'koparens organisationsnummer'],
  kopare: ['kopare namn', 'koparens namn'],
  verifikationsnummer: ['verifikationsnr', 'verifikation', 'vernr', 'ver nr'],
  leverantor: ['leverantor', 'leverantorsnamn', 'leverantor namn', 'leverantorens namn'],
  leverantor_id: ['organisationsnummer', 'orgnr', 'org nr', 'leverantor orgnr', 'leverantorens orgnr', 'leverantorens organisationsnummer'],
  konto_nr: ['konto', 'kontonummer', 'konto nr', 'kontonr'],
  konto_text: ['kontotext', 'kontonamn', 'kontobenamning', 'konto benamning'],
  belopp: ['nettobelopp', 'belopp exkl moms', 'belopp exklusive moms', 'belopp sek', 'summa exkl moms'],
  datum: ['bokforingsdatum', 'bokf datum', 'verifikationsdatum', 'transaktionsdatum'],
  forvaltning: ['forvaltning', 'forvaltningsnamn', 'verksamhet', 'enhet'],
  fakturanummer: ['fakturanr', 'faktura nr', 'faktura'],
  grund: [],
  avtal: ['avtalsnummer'],
  kommun_id: [],
  s_kod_nr: ['s kod', 's kod nr'],
};

const key = (h: string) => foldText(h).replace(/[^a-z0-9]+/g, ' ').trim();
const BY_HEADER = new Map<string, LedgerColumn>();
for (const c of LEDGER_COLUMNS) {
  BY_HEADER.set(key(c), c);
  for (const a of ALIASES[c]) BY_HEADER.set(a, c);
}

export const columnOf = (header: string): LedgerColumn | undefined => BY_HEADER.get(key(header));

/** How far down the header row may be (a title line, an export date). */
export const HEADER_SEARCH_ROWS = 10;

/** The index of the header row: the first that names at least five ledger columns, among them an amount and a date. */
export function headerIndex(rows: readonly { cells: string[] }[]): number {
  return rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => {
    const cols = new Set(r.cells.map(columnOf).filter(Boolean));
    return cols.size >= 5 && cols.has('belopp') && cols.has('datum');
  });
}

/** Whether a file's first lines look like a supplier ledger (cheap: used to route a chat upload). */
export function looksLikeLedgerHeader(rows: readonly { cells: string[] }[]): boolean {
  return headerIndex(rows) >= 0;
}
