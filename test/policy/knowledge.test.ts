import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Db } from '../../src/db';
import { indexKnowledge, loadKnowledge, parseMarkdown, parseText, watchKnowledge } from '../../src/policy/knowledge';
import { retrieve } from '../../src/policy/retrieval';
import { createTestDb } from '../helpers/db';

let db: Db;
let extra: string;
const own = path.join(__dirname, '..', '..', 'knowledge');
beforeAll(async () => {
  db = await createTestDb();
  extra = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-'));
});
afterAll(async () => {
  await db.close();
  fs.rmSync(extra, { recursive: true, force: true });
});

describe('parsing', () => {
  it('reads front matter and chunks by "##" heading', () => {
    const chunks = parseMarkdown(
      'kb/a.md',
      '---\ntitle: "Resor"\nsource_document: "Riktlinje för resor"\ndocument_number: "RS 1/2026"\nvalid_from: 2026-01-01\nurl: "https://example.org/resor"\n---\n\n# Resor\n\nInledning.\n\n## Tåg\n\nÅk tåg när det går.\n\n## Flyg\n\nFlyg bara långt.\n',
    );
    expect(chunks.map((c) => [c.section, c.body])).toEqual([
      ['Resor', 'Inledning.'],
      ['Tåg', 'Åk tåg när det går.'],
      ['Flyg', 'Flyg bara långt.'],
    ]);
    expect(chunks[1]).toMatchObject({ docTitle: 'Resor', sourceDocument: 'Riktlinje för resor', documentNumber: 'RS 1/2026', validFrom: '2026-01-01', url: 'https://example.org/resor' });
  });

  it('reads a plain text file with its first line as title', () => {
    expect(parseText('kb/b.txt', 'Parkering\n\nPersonal parkerar på P3.')[0]).toMatchObject({ docTitle: 'Parkering', body: 'Personal parkerar på P3.' });
  });

  it('reports a broken file instead of failing the whole index', () => {
    fs.writeFileSync(path.join(extra, 'trasig.md'), '---\ntitle: [oavslutad\n---\n## X\ny\n');
    const loaded = loadKnowledge([own, extra]);
    expect(loaded.problems.map((p) => path.basename(p.file))).toEqual(['trasig.md']);
    expect(loaded.chunks.length).toBeGreaterThan(50);
    fs.rmSync(path.join(extra, 'trasig.md'));
  });
});

describe('KNOWLEDGE_DIR: an organisation\'s own documents, no code changes', () => {
  it('indexes added documents and re-indexes only when files change', async () => {
    fs.writeFileSync(path.join(extra, 'parkering.md'), '---\ntitle: "Parkering för personal"\n---\n\n## Var parkerar personalen?\n\nPersonalen parkerar i parkeringshuset P3 vid lasarettet.\n');
    expect((await indexKnowledge(db, [own, extra])).indexed).toBe(true);
    expect((await indexKnowledge(db, [own, extra])).indexed).toBe(false);
    const r = await retrieve(db, 'Var parkerar personalen?');
    expect(r.passages[0].section).toBe('Var parkerar personalen?');
    fs.writeFileSync(path.join(extra, 'parkering.md'), '---\ntitle: "Parkering för personal"\n---\n\n## Var parkerar personalen?\n\nFrån 2027 parkerar personalen i parkeringshuset P5.\n');
    expect((await indexKnowledge(db, [own, extra])).indexed).toBe(true);
    expect((await retrieve(db, 'Var parkerar personalen?')).passages[0].excerpt).toMatch(/P5/);
  });

  it('notices changed files', async () => {
    let changes = 0;
    const stop = watchKnowledge([extra], () => changes++, 50);
    fs.writeFileSync(path.join(extra, 'ny.md'), '## Ny\n\nNy text.\n');
    const end = Date.now() + 5000;
    while (changes === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    stop();
    expect(changes).toBeGreaterThan(0);
  });
});
