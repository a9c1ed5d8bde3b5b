/**
 * The anonymity rule for every published NKI figure (the officers' card, the CSV, the yearly report).
 *
 * A figure is a mean over a group of answers, shown with its count, so anyone can turn a shown figure
 * back into a sum and add and subtract sums of different groups. Hiding each group below the minimum
 * on its own is not enough: with 4 answers in all and 3 in category A, 4 × all − 3 × A is category B's
 * single answer. The rule therefore looks at all published groups at once:
 *
 * 1. A group with fewer than `min` answers is never shown (primary suppression).
 * 2. Put every unit (a survey: its answers are always published together) in a class with the units
 *    that lie in exactly the same shown groups. Whatever can be computed from the shown figures (any
 *    sum, difference or other linear combination) is constant on each class, so it tells no more than
 *    the class sums would. Every class that lies in at least one shown group must therefore hold 0 or
 *    at least `min` answers.
 * 3. While some class is smaller, merge it with the class that is cheapest to merge it with: hide the
 *    groups that tell the two apart, the fewest answers' worth (complementary suppression). Hiding only
 *    ever merges classes, so this ends; the total is hidden only when nothing else would do.
 * 4. Show again, largest first, every hidden group that no longer breaks 2. Then nothing hidden can be
 *    computed from what is shown: a group that could be would be a union of classes, and showing it
 *    would keep 2.
 *
 * Rounding plays no part: the guarantee holds for exact figures. Counts of answers are not secret; values
 * are. Run once per measure (NKI over responses, each driver over the people who answered it). Plain code.
 */
export interface DisclosureUnit {
  /** The keys of the published groups this unit belongs to. */
  groups: readonly string[];
  /** How many answers the unit holds for the measure at hand. */
  count: number;
}

interface Node {
  keys: string[];
  members: number[];
  count: number;
}

interface Class {
  nodes: number[];
  count: number;
}

interface Partition {
  classes: Class[];
  classOfUnit: number[];
}

/** The keys of the groups whose figures may be shown: no combination of them singles out fewer than `min` answers. */
export function disclosableGroups(units: readonly DisclosureUnit[], opts: { min: number }): Set<string> {
  const live = units.filter((u) => u.count > 0);
  const { nodes, nodesOfUnit } = distinctGroups(live);
  const shown = new Set(nodes.flatMap((n, i) => (n.count >= opts.min ? [i] : [])));
  for (;;) {
    const { classes } = partition(live, nodesOfUnit, shown);
    const small = classes.filter((c) => c.nodes.length > 0 && c.count < opts.min).sort((a, b) => a.count - b.count || a.nodes.join().localeCompare(b.nodes.join()))[0];
    if (!small) break;
    for (const n of cheapestMerge(small, classes, nodes)) shown.delete(n);
  }
  restore(live, nodes, nodesOfUnit, shown, opts.min);
  return new Set([...shown].flatMap((i) => nodes[i].keys));
}

/** One node per distinct set of units (groups with the same members show the same figures), and each unit's nodes. */
function distinctGroups(live: readonly DisclosureUnit[]): { nodes: Node[]; nodesOfUnit: number[][] } {
  const members = new Map<string, number[]>();
  live.forEach((u, i) => {
    for (const key of new Set(u.groups)) (members.get(key) ?? members.set(key, []).get(key)!).push(i);
  });
  const nodes: Node[] = [];
  const nodesOfUnit: number[][] = live.map(() => []);
  const byMembers = new Map<string, number>();
  for (const key of [...members.keys()].sort()) {
    const m = members.get(key)!;
    const id = m.join(',');
    const known = byMembers.get(id);
    if (known !== undefined) {
      nodes[known].keys.push(key);
      continue;
    }
    byMembers.set(id, nodes.length);
    for (const i of m) nodesOfUnit[i].push(nodes.length);
    nodes.push({ keys: [key], members: m, count: m.reduce((sum, i) => sum + live[i].count, 0) });
  }
  return { nodes, nodesOfUnit };
}

/** Units grouped by the shown groups they lie in, with the answers each class holds. */
function partition(live: readonly DisclosureUnit[], nodesOfUnit: number[][], shown: ReadonlySet<number>): Partition {
  const ids = new Map<string, number>();
  const classes: Class[] = [];
  const classOfUnit = live.map((u, i) => {
    const nodes = nodesOfUnit[i].filter((n) => shown.has(n));
    const key = nodes.join(',');
    const id = ids.get(key) ?? ids.set(key, classes.push({ nodes, count: 0 }) - 1).get(key)!;
    classes[id].count += u.count;
    return id;
  });
  return { classes, classOfUnit };
}

/**
 * The groups to hide so that a too-small class merges with another: those that tell the two apart, for the
 * other class that costs the fewest answers' worth of figures. Hiding all its groups (no other class) is
 * the last resort, since it hides the total.
 */
function cheapestMerge(small: Class, classes: readonly Class[], nodes: readonly Node[]): number[] {
  let best = { other: -1, cost: small.nodes.reduce((sum, n) => sum + nodes[n].count, 0) };
  classes.forEach((c, i) => {
    if (c === small) return;
    const price = difference(small.nodes, c.nodes).reduce((sum, n) => sum + nodes[n].count, 0);
    if (price < best.cost) best = { other: i, cost: price };
  });
  return best.other < 0 ? small.nodes : difference(small.nodes, classes[best.other].nodes);
}

/** The nodes in one sorted list or the other but not both. */
function difference(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
    else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
    else {
      i++;
      j++;
    }
  }
  return out;
}

/**
 * Shows again, largest first, every hidden group of at least `min` answers that keeps the rule (hiding for
 * one class can make an earlier hidden group harmless), until none does.
 */
function restore(live: readonly DisclosureUnit[], nodes: readonly Node[], nodesOfUnit: number[][], shown: Set<number>, min: number): void {
  const hidden = nodes.flatMap((n, i) => (n.count >= min && !shown.has(i) ? [i] : [])).sort((a, b) => nodes[b].count - nodes[a].count || a - b);
  let p = partition(live, nodesOfUnit, shown);
  for (let changed = true; changed; ) {
    changed = false;
    for (const i of hidden.filter((h) => !shown.has(h))) {
      if (!splitsSafely(nodes[i], live, p, min)) continue;
      shown.add(i);
      p = partition(live, nodesOfUnit, shown);
      changed = true;
    }
  }
}

/** Whether showing a group keeps the rule: every class it cuts leaves `min` answers (or none) on each side. */
function splitsSafely(node: Node, live: readonly DisclosureUnit[], p: Partition, min: number): boolean {
  const inside = new Map<number, number>();
  for (const u of node.members) inside.set(p.classOfUnit[u], (inside.get(p.classOfUnit[u]) ?? 0) + live[u].count);
  for (const [id, n] of inside) {
    const outside = p.classes[id].count - n;
    if (n < min || (outside > 0 && outside < min && p.classes[id].nodes.length > 0)) return false;
  }
  return true;
}
