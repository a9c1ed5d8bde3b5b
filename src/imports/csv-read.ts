import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

/**
 * The one CSV reader of the imports (contracts and spend): a file's bytes as text (encoding detected),
 * its delimiter detected, its records with the line each starts on, and the decimal separator its
 * amounts use. Pure functions; csv-parse does the quoting (RFC 4180).
 */

export type Delimiter = ';' | ',' | '\t';
export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
const DELIMITERS: readonly Delimiter[] = [';', '\t', ','];

export interface TextRow {
  /** 1-based line in the file (where the record starts). */
  line: number;
  cells: string[];
}

/**
 * A file's bytes as text. A BOM decides (UTF-8, UTF-16 LE or BE); without one, bytes that are not valid
 * UTF-8 are read as Windows-1252 (Swedish Excel's "CSV").
 */
export function decodeText(buf: Buffer): { text: string; encoding: Encoding } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'win1252'), encoding: 'windows-1252' };
  }
}

/** The first lines of a text, whatever its line ends (CRLF, LF or CR alone). */
export function firstLines(text: string, count: number): string[] {
  const out: string[] = [];
  let pos = 0;
  while (out.length < count && pos <= text.length) {
    let end = pos;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    out.push(text.slice(pos, end));
    pos = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
  }
  return out;
}

/**
 * The delimiter of a file. With known, the one that splits a line among the first ones into the most
 * headers the import knows (known: 0 when none does); otherwise, or when none is known, the one the
 * first non-empty line holds most of outside quotes.
 */
export function detectDelimiter(text: string, opts: { lines?: number; isHeader?: (cell: string) => boolean } = {}): { delimiter: Delimiter; known: number } {
  const lines = firstLines(text, opts.lines ?? 10);
  let best: { delimiter: Delimiter; known: number } = { delimiter: ';', known: 0 };
  if (opts.isHeader) {
    const isHeader = opts.isHeader;
    for (const d of [';', ',', '\t'] as const) {
      for (const line of lines) {
        const n = line.split(d).filter((h) => isHeader(h.trim().replace(/^"|"$/g, ''))).length;
        if (n > best.known) best = { delimiter: d, known: n };
      }
    }
    if (best.known > 0) return best;
  }
  const unquoted = (lines.find((l) => l.trim() !== '') ?? '').replace(/"[^"]*"/g, '');
  let most = 0;
  for (const d of DELIMITERS) {
    const n = unquoted.split(d).length - 1;
    if (n > most) [best.delimiter, most] = [d, n];
  }
  return best;
}

/**
 * The records of a CSV text with the line each starts on; blank lines left out. Throws csv-parse's
 * CsvError (with its line) on broken quoting.
 */
export function csvRecords(text: string, delimiter: Delimiter, opts: { trim?: boolean } = {}): TextRow[] {
  // CR-only files: csv-parse takes the record delimiter from the first line end it sees.
  const records = parse(text, {
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: false,
    skip_empty_lines: true,
    bom: true,
    trim: opts.trim ?? false,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  return records.map((r) => ({ line: r.info.lines, cells: r.record }));
}

/**
 * Calls onRecord with each record of a CSV (text, or UTF-8 bytes) as it is read, keeping none of them: a
 * large file's records are never all held at once. Same options and errors as csvRecords.
 */
export function eachCsvRecord(input: string | Buffer, delimiter: Delimiter, opts: { trim?: boolean }, onRecord: (row: TextRow) => void): void {
  parse(input, {
    delimiter,
    relax_column_count: true,
    relax_quotes: false,
    skip_empty_lines: true,
    bom: true,
    trim: opts.trim ?? false,
    on_record: (record: string[], context: { lines: number }) => {
      onRecord({ line: context.lines, cells: record });
      return null;
    },
  });
}

/** The decimal separator most amount cells use: a comma or a point followed by one or two digits at the end. */
export function decimalSeparatorOf(cells: readonly string[]): ',' | '.' {
  let comma = 0;
  let point = 0;
  for (const c of cells) {
    if (/,\d{1,2}$/.test(c)) comma++;
    else if (/\.\d{1,2}$/.test(c)) point++;
  }
  return comma > point ? ',' : '.';
}
