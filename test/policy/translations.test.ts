import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

/**
 * The built-in knowledge documents come in Swedish (<name>.md) and English (<name>.en.md). The English
 * version is kept in step by this test: the same front matter (except title and language), the same
 * sections in the same order, and the same figures in each section (700 000 = 700,000; 66,7 = 66.7).
 */
const DIR = path.join(__dirname, '..', '..', 'knowledge');
const swedish = fs.readdirSync(DIR).filter((f) => f.endsWith('.md') && !/\.(en|sv)\.md$/.test(f)).sort();

function split(raw: string): { meta: Record<string, unknown>; sections: { heading: string; body: string }[] } {
  const fm = /^---\n([\s\S]*?)\n---\n?/.exec(raw);
  const body = fm ? raw.slice(fm[0].length) : raw;
  const parts = body.split(/^##\s+/m);
  return {
    meta: (fm ? parseYaml(fm[1]) : {}) as Record<string, unknown>,
    sections: [{ heading: '(intro)', body: parts[0] }, ...parts.slice(1).map((p) => ({ heading: p.split('\n')[0].trim(), body: p }))],
  };
}

/** The figures of a text, written the same way whatever the language's number format. */
export function figures(text: string): string[] {
  const out = new Set<string>();
  const rest = text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => {
    out.add(d);
    return ' ';
  });
  for (const m of rest.matchAll(/\d{1,3}(?:[ \u00a0,]\d{3})+(?!\d)|\d+(?:[.,]\d+)?/g)) {
    const n = /[ \u00a0,]\d{3}/.test(m[0]) && !/^\d+,\d{1,2}$/.test(m[0]) ? m[0].replace(/[ \u00a0,]/g, '') : m[0].replace(',', '.');
    out.add(n);
  }
  return [...out].sort();
}

describe('English versions of the knowledge documents', () => {
  it('exist for every Swedish document, and no English document lacks its Swedish original', () => {
    expect(swedish.length).toBeGreaterThanOrEqual(9);
    for (const f of swedish) expect([f, fs.existsSync(path.join(DIR, f.replace(/\.md$/, '.en.md')))]).toEqual([f, true]);
    const english = fs.readdirSync(DIR).filter((f) => f.endsWith('.en.md'));
    for (const f of english) expect([f, swedish.includes(f.replace(/\.en\.md$/, '.md'))]).toEqual([f, true]);
  });

  it.each(swedish)('%s: same front matter except title and language', (file) => {
    const sv = split(fs.readFileSync(path.join(DIR, file), 'utf8')).meta;
    const en = split(fs.readFileSync(path.join(DIR, file.replace(/\.md$/, '.en.md')), 'utf8')).meta;
    expect([sv.language, en.language]).toEqual(['sv', 'en']);
    const strip = ({ title: _t, language: _l, ...rest }: Record<string, unknown>) => rest;
    expect(strip(en)).toEqual(strip(sv));
    expect(String(en.title)).not.toBe(String(sv.title));
  });

  it.each(swedish)('%s: the same sections in the same order, each with the same figures', (file) => {
    const sv = split(fs.readFileSync(path.join(DIR, file), 'utf8')).sections;
    const en = split(fs.readFileSync(path.join(DIR, file.replace(/\.md$/, '.en.md')), 'utf8')).sections;
    expect(en.length).toBe(sv.length);
    sv.forEach((s, i) => expect([s.heading, en[i].heading, figures(en[i].body)]).toEqual([s.heading, en[i].heading, figures(s.body)]));
  });

  it('reads figures the same in both number formats', () => {
    expect(figures('700 000 kronor, 1 200 000 kr, 66,7 och 2,4 miljoner sedan 2022-02-01 (19 a kap. 11 §)')).toEqual(figures('SEK 700,000, SEK 1,200,000, 66.7 and 2.4 million since 2022-02-01 (Chapter 19 a, section 11)'));
    expect(figures('700 000 kronor')).not.toEqual(figures('SEK 615,312'));
  });
});
