import fs from 'node:fs';
import path from 'node:path';
import { KNOWN_SOURCES, knownSource, sourceParts } from '../../src/policy/sources';

/**
 * Sources that are what they say (issue 23, item 5): every knowledge file names as its source only
 * documents in the seeds, listed external pages or Inköp's own guidance; its number and date match
 * that document; and words in quotation marks in a file that cites only seeds are verbatim in them.
 */
const KNOWLEDGE = path.join(__dirname, '..', '..', 'knowledge');
const SEEDS = path.join(__dirname, '..', '..', '..', 'shared', 'seeds');
const files = fs.readdirSync(KNOWLEDGE).filter((f) => f.endsWith('.md'));

function frontMatter(text: string): Record<string, string> {
  const head = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '';
  return Object.fromEntries(head.split('\n').map((l) => /^(\w+): "(.*)"$/.exec(l)).filter((m): m is RegExpExecArray => m !== null).map((m) => [m[1], m[2]]));
}
const fold = (s: string) => s.replace(/\s+/g, ' ').toLowerCase();

describe('knowledge files name true sources', () => {
  it('has knowledge files and seeds to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(18);
    for (const s of KNOWN_SOURCES.filter((k) => k.seed)) expect(fs.existsSync(path.join(SEEDS, s.seed as string))).toBe(true);
  });

  it.each(files)('%s: each source is a seed, a listed external page or Inköp\'s guidance, with its number and date', (file) => {
    const fm = frontMatter(fs.readFileSync(path.join(KNOWLEDGE, file), 'utf8'));
    const parts = sourceParts(fm.source_document ?? '');
    expect(parts.length).toBeGreaterThan(0);
    const sources = parts.map((p) => [p, knownSource(p)?.title ?? null]);
    expect(sources.filter(([, s]) => s === null)).toEqual([]);
    const known = parts.map((p) => knownSource(p)!);
    // The number and the decision date belong to one of the named documents (or are empty).
    if (fm.document_number) expect(known.map((k) => k.number)).toContain(fm.document_number);
    if (fm.decided) expect(known.filter((k) => k.number === fm.document_number).map((k) => k.decided)).toContain(fm.decided);
    // A seed's number is written in its own text.
    for (const k of known) if (k.seed && k.number) expect(fs.readFileSync(path.join(SEEDS, k.seed), 'utf8')).toContain(k.number.split(' / ')[0]);
  });

  it('guidance written for the assistant is presented as Inköp\'s guidance and lists what it builds on', () => {
    for (const file of ['bestallningsvagar.md', 'bestallningsvagar.en.md', 'kontakta-inkop-och-anmal-behov.md', 'kontakta-inkop-och-anmal-behov.en.md']) {
      const fm = frontMatter(fs.readFileSync(path.join(KNOWLEDGE, file), 'utf8'));
      expect(knownSource(fm.source_document)?.kind).toBe('guidance');
      expect(fm.source_document).toMatch(/(bygger på|builds on) .*Inköpspolicy/);
      expect([fm.document_number, fm.decided]).toEqual(['', '']);
    }
  });

  it.each(files)('%s: quoted sentences in a file citing only seeds are verbatim in them', (file) => {
    const text = fs.readFileSync(path.join(KNOWLEDGE, file), 'utf8');
    const known = sourceParts(frontMatter(text).source_document ?? '').map((p) => knownSource(p));
    if (!known.every((k) => k?.kind === 'seed')) return;
    const seedText = fold(known.map((k) => fs.readFileSync(path.join(SEEDS, k!.seed as string), 'utf8')).join('\n'));
    const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
    // A quotation of four words or more (shorter quoted words are names of buttons and commands).
    const quotes = [...body.matchAll(/[”“"]([^”“"\n]{3,300})[”“"]/g)].map((m) => m[1]).filter((q) => q.trim().split(/\s+/).length >= 4);
    expect(quotes.filter((q) => !seedText.includes(fold(q)))).toEqual([]);
  });
});
