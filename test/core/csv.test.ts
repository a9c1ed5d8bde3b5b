import { csvCell } from '../../src/core/csv';

/** Splits one CSV line as a spreadsheet would with the given delimiter (RFC 4180 quotes). */
function split(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      cells.push(cur);
      cur = '';
    } else cur += c;
  }
  cells.push(cur);
  return cells;
}

describe('csvCell', () => {
  it('quotes separators and neutralises spreadsheet formulas', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });

  it.each([';', ','])('a cell with a formula behind a comma stays one cell when read with %p', (delimiter) => {
    const line = ['INK-2026-0001', 'x,=1+1,', 'sista'].map(csvCell).join(';');
    const cells = split(line, delimiter);
    if (delimiter === ';') expect(cells).toEqual(['INK-2026-0001', 'x,=1+1,', 'sista']);
    // Read with commas, the quoted cell keeps its commas inside: no cell starts with "=".
    expect(cells.some((c) => c.startsWith('='))).toBe(false);
  });
});
