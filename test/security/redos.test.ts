import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkSync } from 'recheck';
import ts from 'typescript';

/**
 * Every regular expression in src/ is checked by recheck (its pure-JS backend, no network) for super-linear
 * backtracking: the sources are parsed with the TypeScript compiler, so each regex literal and each
 * `new RegExp('…')` / `RegExp('…')` with a literal pattern is found, wherever it is written.
 */

const SRC = path.join(__dirname, '../../src');

interface Found {
  file: string;
  line: number;
  source: string;
  flags: string;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The regexes one source text holds, with their lines. */
export function regexesIn(file: string, text: string): Found[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Found[] = [];
  const at = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      const lit = node.text;
      const end = lit.lastIndexOf('/');
      out.push({ file, line: at(node), source: lit.slice(1, end), flags: lit.slice(end + 1) });
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [pattern, flags] = node.arguments ?? [];
      if (pattern && ts.isStringLiteralLike(pattern)) {
        out.push({ file, line: at(node), source: pattern.text, flags: flags && ts.isStringLiteralLike(flags) ? flags.text : '' });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const all = tsFiles(SRC).flatMap((f) => regexesIn(path.relative(SRC, f), readFileSync(f, 'utf8')));

describe('regular expressions in src/', () => {
  it('the scanner finds literals and RegExp calls with a literal pattern, and nothing in strings or comments', () => {
    const found = regexesIn('x.ts', "const a = /ab+c/gi; const b = new RegExp('x*y', 'm'); const c = RegExp(`z`); // /not/ one\nconst d = '/no/';");
    expect(found.map((f) => [f.source, f.flags])).toEqual([
      ['ab+c', 'gi'],
      ['x*y', 'm'],
      ['z', ''],
    ]);
    expect(all.length).toBeGreaterThan(100);
  });

  it('the checker flags a cubic pattern (the supplier pattern before it was rewritten)', () => {
    const diagnostics = checkSync(String.raw`^(.*?)\s*(?:\((\d{6}-?\d{4})\))?\s*(?:#(\d{1,2}))?$`, '');
    expect(diagnostics.status).toBe('vulnerable');
  });

  // A proof per pattern, not a fuzz; the case-insensitive Unicode month list alone takes seconds on a busy machine.
  it('none is worse than linear', () => {
    const bad = all
      .map((r) => ({ ...r, result: checkSync(r.source, r.flags, { timeout: 120_000 }) }))
      .filter((r) => r.result.status !== 'safe')
      .map((r) => `${r.file}:${r.line} /${r.source}/${r.flags} → ${r.result.status}${r.result.status === 'vulnerable' ? ` (${r.result.complexity.summary})` : ''}`);
    expect(bad).toEqual([]);
  }, 600_000);
});
