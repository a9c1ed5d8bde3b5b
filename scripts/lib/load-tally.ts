/** What a benchmark's load runs add up to: latencies, counts, the server's memory and CPU. */

export interface Result {
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  errors: number;
  total: number;
  rssMiB: number;
  /** Server CPU time per turn, ms. */
  cpu: number;
}

export interface Tally {
  latencies: number[];
  requests: number;
  errors: number;
  seconds: number;
  rss: number;
  cpuMs: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export function summarise(t: Tally): Result {
  const sorted = [...t.latencies].sort((a, b) => a - b);
  return {
    rps: t.requests / t.seconds,
    p50: Math.round(pct(sorted, 50)),
    p99: Math.round(pct(sorted, 99)),
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
    errors: t.errors,
    total: t.requests,
    rssMiB: t.rss / 2 ** 20,
    cpu: t.cpuMs / Math.max(1, t.requests),
  };
}
