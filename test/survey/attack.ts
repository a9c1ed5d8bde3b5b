/**
 * The differencing attacker of issue 12: whoever reads the NKI reports turns every shown figure back into
 * a sum (value × count) and adds and subtracts sums. A group's mean is recoverable exactly when the
 * group is a linear combination of shown groups (over the surveys that hold answers for the measure):
 * 4 × all − 3 × A gives B. Rounding only blurs that by a few tenths, so "in the span" counts as recovered.
 */
export interface Shown {
  label: string;
  /** The surveys (units) the figure covers. */
  members: readonly number[];
  /** The shown value (0–100, as published, rounded). */
  value: number;
}

const EPS = 1e-9;

/** Coefficients c with Σ c_i · rows_i = target (Gauss–Jordan with partial pivoting), or null when there are none. */
export function combination(rows: readonly number[][], target: readonly number[]): number[] | null {
  const n = target.length;
  const m = rows.length;
  // The system: n equations (one per unit), m unknowns (one per shown figure), augmented with the target.
  const a = Array.from({ length: n }, (_, r) => [...rows.map((row) => row[r]), target[r]]);
  const pivotCols: number[] = [];
  let r = 0;
  for (let c = 0; c < m && r < n; c++) {
    let best = r;
    for (let i = r + 1; i < n; i++) if (Math.abs(a[i][c]) > Math.abs(a[best][c])) best = i;
    if (Math.abs(a[best][c]) < EPS) continue;
    [a[r], a[best]] = [a[best], a[r]];
    const p = a[r][c];
    for (let j = c; j <= m; j++) a[r][j] /= p;
    for (let i = 0; i < n; i++) {
      if (i === r || Math.abs(a[i][c]) < EPS) continue;
      const f = a[i][c];
      for (let j = c; j <= m; j++) a[i][j] -= f * a[r][j];
    }
    pivotCols.push(c);
    r++;
  }
  for (let i = r; i < n; i++) if (Math.abs(a[i][m]) > 1e-7) return null;
  const coefficients = new Array<number>(m).fill(0);
  pivotCols.forEach((c, i) => (coefficients[c] = a[i][m]));
  return coefficients;
}

/**
 * The attacker's estimate of a target group's mean from the shown figures, or null when no linear
 * combination of them gives it. `weight(unit)` is how many answers a unit holds for the measure.
 */
export function recover(shown: readonly Shown[], target: readonly number[], weight: (unit: number) => number): { estimate: number; using: string } | null {
  const universe = [...new Set([...shown.flatMap((s) => s.members), ...target])].filter((u) => weight(u) > 0).sort((x, y) => x - y);
  const targetSet = new Set(target);
  const n = target.reduce((sum, u) => sum + weight(u), 0);
  if (n === 0) return null;
  const rows = shown.map((s) => {
    const set = new Set(s.members);
    return universe.map((u) => (set.has(u) ? 1 : 0));
  });
  const c = combination(rows, universe.map((u) => (targetSet.has(u) ? 1 : 0)));
  if (!c) return null;
  const count = (s: Shown) => s.members.reduce((sum, u) => sum + weight(u), 0);
  const sum = shown.reduce((acc, s, i) => acc + c[i] * count(s) * s.value, 0);
  const using = shown.flatMap((s, i) => (Math.abs(c[i]) > EPS ? [`${c[i].toFixed(2)} × ${count(s)} × ${s.label}`] : [])).join(' + ');
  return { estimate: sum / n, using };
}

/** Every set of units holding between 1 and min − 1 answers (at most min − 1 units): the groups too small to show. */
export function smallUnions(units: readonly number[], weight: (unit: number) => number, min: number): number[][] {
  const out: number[][] = [];
  const live = units.filter((u) => weight(u) > 0 && weight(u) < min);
  const walk = (from: number, picked: number[], total: number) => {
    if (picked.length) out.push(picked);
    for (let i = from; i < live.length; i++) {
      const next = total + weight(live[i]);
      if (next < min) walk(i + 1, [...picked, live[i]], next);
    }
  };
  walk(0, [], 0);
  return out;
}
