/**
 * A CSV cell that a spreadsheet opens safely, whichever delimiter it guesses: quoted when it holds
 * either delimiter (`;` or `,`), a quote or a line break, and a leading formula character (= + - @ tab
 * CR) defused with an apostrophe so the cell is never evaluated.
 */
export function csvCell(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[;,"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV file as Excel opens it in Swedish: a BOM (so UTF-8 is read as UTF-8), `;`-separated lines, CRLF. */
export function csvDocument(lines: readonly string[]): string {
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
