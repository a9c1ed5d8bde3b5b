import fs from 'node:fs';

/** Reading a V8 CPU profile of a benchmark's server (npm run bench:bot -- --profile): where a turn's time goes. */

/** Self time per function from a V8 CPU profile, the top n. */
export function topFunctions(file: string, n: number): { name: string; ms: number; share: number }[] {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: { id: number; hitCount?: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    startTime: number;
    endTime: number;
    samples: number[];
  };
  const interval = (prof.endTime - prof.startTime) / 1000 / Math.max(1, prof.samples.length);
  const self = new Map<string, number>();
  for (const node of prof.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0) * interval);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => ({ name, ms, share: ms / total }));
}

/** Self time grouped by package (or our own code), for a one-line summary. */
export function byPackage(file: string): [string, number][] {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: { hitCount?: number; callFrame: { functionName: string; url: string } }[] };
  const groups = new Map<string, number>();
  let total = 0;
  for (const node of prof.nodes) {
    const { url, functionName } = node.callFrame;
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    const group = m ? m[1] : url.startsWith('wasm://') ? 'PGlite (PostgreSQL in WebAssembly)' : url.includes('/dist/src/') ? 'our code (dist/src)' : url.startsWith('node:') ? 'node core' : functionName.startsWith('(') ? functionName : 'other';
    groups.set(group, (groups.get(group) ?? 0) + (node.hitCount ?? 0));
    total += node.hitCount ?? 0;
  }
  return [...groups].sort((a, b) => b[1] - a[1]).map(([g, h]) => [g, h / total]);
}

/**
 * Inclusive time (a function and everything it calls) of the functions matching `which`, as a share of
 * the busy samples: where a turn's time goes, by stage.
 */
export function inclusive(file: string, which: RegExp, n: number): { name: string; share: number }[] {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
  };
  const byId = new Map(prof.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of prof.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const hits = new Map<number, number>();
  for (const id of prof.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const totals = new Map<string, number>();
  let busy = 0;
  for (const [id, h] of hits) {
    if (byId.get(id)?.callFrame.functionName === '(idle)') continue;
    busy += h;
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const { functionName, url, lineNumber } = (byId.get(cur) as (typeof prof.nodes)[number]).callFrame;
      const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '')}:${lineNumber + 1}`;
      if (seen.has(key) || !which.test(key)) continue;
      seen.add(key);
      totals.set(key, (totals.get(key) ?? 0) + h);
    }
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, h]) => ({ name, share: h / Math.max(1, busy) }));
}

export function printProfile(full: string, target: string): void {
  console.log(`\nCPU profile of the server during the timed ${target} run: ${full}`);
  console.log(byPackage(full).slice(0, 12).map(([g, s]) => `  ${(s * 100).toFixed(1).padStart(5)} %  ${g}`).join('\n'));
  console.log('top functions by self time:');
  console.log(topFunctions(full, 25).map((f) => `  ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.name}`).join('\n'));
  console.log('stages, inclusive time (share of busy samples):');
  const stages = /src\/|teams-ai\/lib\/Application|cloudAdapter|restify\/lib\/(response|plugins)|execProtocolRaw |Template\.expand |ServiceClientContext|\(garbage collector\)/;
  console.log(inclusive(full, stages, 30).map((f) => `  ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.name}`).join('\n'));
}
