import fs from 'node:fs';
import { fromRoot } from '../../src/util/paths';

/** Replaces a benchmark's own section of BENCHMARKS.md (between its `<!-- bench:TAG:start/end -->` markers), or appends it. */
export function writeBenchSection(tag: string, text: string): string {
  const file = fromRoot('BENCHMARKS.md');
  const start = `<!-- bench:${tag}:start -->`;
  const end = `<!-- bench:${tag}:end -->`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const block = `${start}\n${text}\n${end}`;
  const next = current.includes(start) ? current.replace(new RegExp(`${start}[\\s\\S]*?${end}`), () => block) : `${current.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, next);
  return file;
}
