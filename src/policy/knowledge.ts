import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { Db } from '../db';
import { Language, detectLanguage, languageFromFileName } from './language';

/**
 * The knowledge base: Markdown documents (front matter + sections under "## " headings) and plain
 * text files, chunked by heading and indexed with full-text search in the document's language
 * (Swedish or English). A translation sits beside its original as "<name>.en.md" with the same front
 * matter plus `language: en`; a question is answered from the version in its own language. Parsing is
 * plain functions; indexing replaces the whole index in one transaction when the files changed.
 */
export interface KnowledgeChunk {
  docPath: string;
  docTitle: string;
  sourceDocument: string;
  documentNumber: string;
  validFrom: string;
  owner: string;
  url: string;
  section: string;
  body: string;
  position: number;
  language: Language;
}

/** The text-search configuration each language is indexed and searched with. */
export const SEARCH_CONFIG: Record<Language, string> = { sv: 'inkop_sv', en: 'english' };

const text = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : String(v)), z.string());
const frontMatterSchema = z.object({
  title: text,
  source_document: text.default(''),
  document_number: text.default(''),
  decided: text.default(''),
  valid_from: text.default(''),
  owner: text.default(''),
  url: text.refine((u) => u === '' || /^https?:\/\//.test(u), 'url must be http(s)').default(''),
  language: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(['sv', 'en'])).optional(),
});

/** A document's language: its front matter, else its file name ("x.en.md"), else its words, else Swedish. */
function documentLanguage(docPath: string, declared: Language | undefined, body: string): Language {
  const named = languageFromFileName(docPath);
  if (declared && named && declared !== named) throw new Error(`language: ${declared} in the front matter, but the file name says ${named}`);
  return declared ?? named ?? detectLanguage(body) ?? 'sv';
}

const MAX_CHUNK_CHARS = 2400;

function splitLong(body: string): string[] {
  if (body.length <= MAX_CHUNK_CHARS) return [body];
  const parts: string[] = [];
  let current = '';
  for (const para of body.split(/\n{2,}/)) {
    if (current && current.length + para.length > MAX_CHUNK_CHARS) {
      parts.push(current.trim());
      current = '';
    }
    current += para + '\n\n';
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/** One Markdown document → its chunks. Without front matter the first heading (or the file name) is the title. */
export function parseMarkdown(docPath: string, raw: string): KnowledgeChunk[] {
  const src = raw.replace(/^\ufeff/, '').replace(/\r\n/g, '\n');
  const fm = /^---\n([\s\S]*?)\n---\n?/.exec(src);
  const body = fm ? src.slice(fm[0].length) : src;
  const h1 = /^#\s+(.+)$/m.exec(body)?.[1]?.trim();
  const meta = frontMatterSchema.parse({ title: h1 ?? path.basename(docPath).replace(/\.\w+$/, ''), ...(fm ? (parseYaml(fm[1]) as object) : {}) });
  const base = {
    docPath,
    language: documentLanguage(docPath, meta.language, body),
    docTitle: meta.title,
    sourceDocument: meta.source_document,
    documentNumber: meta.document_number,
    validFrom: meta.valid_from || meta.decided,
    owner: meta.owner,
    url: meta.url,
  };
  const chunks: KnowledgeChunk[] = [];
  const sections = body.split(/^##\s+/m);
  const intro = sections[0].replace(/^#\s+.+$/m, '').trim();
  if (intro) chunks.push({ ...base, section: meta.title, body: intro, position: 0 });
  for (const s of sections.slice(1)) {
    const [heading, ...rest] = s.split('\n');
    const content = rest.join('\n').trim();
    if (!content) continue;
    for (const part of splitLong(content)) chunks.push({ ...base, section: heading.trim(), body: part, position: chunks.length });
  }
  return chunks;
}

/** A plain text file → chunks of paragraphs; the first line is the title. */
export function parseText(docPath: string, raw: string): KnowledgeChunk[] {
  const lines = raw.replace(/^\ufeff/, '').replace(/\r\n/g, '\n').trim().split('\n');
  const title = (lines[0] ?? path.basename(docPath)).trim().slice(0, 200);
  const rest = lines.slice(1).join('\n').trim();
  const language = documentLanguage(docPath, undefined, rest);
  const base = { docPath, language, docTitle: title, sourceDocument: title, documentNumber: '', validFrom: '', owner: '', url: '' };
  return splitLong(rest).map((body, i) => ({ ...base, section: i === 0 ? title : `${title} (${i + 1})`, body, position: i }));
}

export interface LoadedKnowledge {
  chunks: KnowledgeChunk[];
  hash: string;
  files: string[];
  problems: { file: string; message: string }[];
}

/** Reads every .md and .txt file in the folders (not recursive). A file that cannot be parsed is reported, not fatal. */
export function loadKnowledge(dirs: string[]): LoadedKnowledge {
  const hash = createHash('sha256');
  const chunks: KnowledgeChunk[] = [];
  const files: string[] = [];
  const problems: LoadedKnowledge['problems'] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) {
      problems.push({ file: dir, message: 'folder not found' });
      continue;
    }
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (!/\.(md|markdown|txt)$/i.test(name) || !fs.statSync(file).isFile()) continue;
      const raw = fs.readFileSync(file, 'utf8');
      hash.update(file).update('\0').update(raw).update('\0');
      try {
        const docPath = `${path.basename(dir)}/${name}`;
        chunks.push(...(/\.txt$/i.test(name) ? parseText(docPath, raw) : parseMarkdown(docPath, raw)));
        files.push(file);
      } catch (err) {
        problems.push({ file, message: err instanceof Error ? err.message.slice(0, 300) : String(err) });
      }
    }
  }
  return { chunks, hash: hash.digest('hex'), files, problems };
}

/** Rebuilds the index when the files differ from what it was built from (or always with force). */
export async function indexKnowledge(db: Db, dirs: string[], opts: { force?: boolean } = {}): Promise<{ indexed: boolean; chunks: number; problems: LoadedKnowledge['problems'] }> {
  const loaded = loadKnowledge(dirs);
  const [state] = await db.query<{ value: string }>(`SELECT value FROM knowledge_state WHERE key = 'hash'`);
  if (!opts.force && state?.value === loaded.hash) return { indexed: false, chunks: loaded.chunks.length, problems: loaded.problems };
  const indexed = await db.transaction(async (tx) => {
    // Instances starting together on one database: one rebuilds, the others find its hash and stop
    // (two DELETE-then-INSERT transactions at once would each keep their own copy of every chunk).
    await tx.query('SELECT pg_advisory_xact_lock(4711002)');
    const [now] = await tx.query<{ value: string }>(`SELECT value FROM knowledge_state WHERE key = 'hash'`);
    if (!opts.force && now?.value === loaded.hash) return false;
    // Officers' published answers (src/policy/published-repository.ts) are not files: they stay.
    await tx.query('DELETE FROM knowledge_chunks WHERE published_answer_id IS NULL');
    for (const c of loaded.chunks) {
      await tx.query(
        `INSERT INTO knowledge_chunks (doc_path, doc_title, source_document, document_number, valid_from, owner, url, section, body, position, search_vector)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
           setweight(to_tsvector($11::regconfig, $8), 'A') || setweight(to_tsvector($11::regconfig, $2), 'B') || setweight(to_tsvector($11::regconfig, $9), 'D'))`,
        [c.docPath, c.docTitle, c.sourceDocument, c.documentNumber, c.validFrom, c.owner, c.url, c.section, c.body, c.position, SEARCH_CONFIG[c.language]],
      );
    }
    // Each document's language, beside the hash it belongs to (the chunks table has no column for it).
    const languages = Object.fromEntries(loaded.chunks.map((c) => [c.docPath, c.language]));
    for (const [key, value] of [['hash', loaded.hash], ['languages', JSON.stringify(languages)]]) {
      await tx.query(
        `INSERT INTO knowledge_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [key, value],
      );
    }
    return true;
  });
  return { indexed, chunks: loaded.chunks.length, problems: loaded.problems };
}

/** Re-indexes shortly after any file in the folders changes. Returns a function that stops watching. */
export function watchKnowledge(dirs: string[], onChange: () => void, debounceMs = 500): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watchers = dirs
    .filter((d) => fs.existsSync(d))
    .map((d) =>
      fs.watch(d, () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(onChange, debounceMs);
      }),
    );
  return () => {
    if (timer) clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
