/**
 * The public services capabilities offer each other (intake's contract check uses the contract search,
 * the survey uses intake's cases). A module provides its service during setup under a typed key its api.ts
 * exports (serviceKey<T>('intake.service')); a later module gets it by that key, with its type. Modules set
 * up in list order, so a missing service is a mistake in the module list, reported at start with both names.
 *
 * The registry remembers who uses whose service (dependencies()): test/architecture.test.ts rejects a
 * capability that provides a service and uses one that depends on it (a loop at run time).
 */
export interface ServiceKey<T> {
  readonly name: string;
  /** Only carries the type; never set. */
  readonly __type?: T;
}

/** A typed service key. */
export const serviceKey = <T>(name: string): ServiceKey<T> => ({ name });

type Key<T> = ServiceKey<T> | string;
const nameOf = (key: Key<unknown>) => (typeof key === 'string' ? key : key.name);

export class ServiceRegistry {
  private readonly services = new Map<string, { module: string; service: unknown }>();
  private readonly uses = new Map<string, Set<string>>();

  provide<T>(module: string, key: Key<T>, service: T): void {
    const name = nameOf(key);
    const existing = this.services.get(name);
    if (existing) throw new Error(`service "${name}" is provided by both ${existing.module} and ${module}`);
    this.services.set(name, { module, service });
  }

  private use(module: string | undefined, name: string): void {
    if (!module) return;
    if (!this.uses.has(module)) this.uses.set(module, new Set());
    this.uses.get(module)!.add(name);
  }

  /**
   * A service that may be absent: read at call time by a module set up before its provider. `wantedBy`
   * names the caller, so the dependency is known.
   */
  find<T>(key: Key<T>, wantedBy?: string): T | undefined {
    const name = nameOf(key);
    this.use(wantedBy, name);
    return this.services.get(name)?.service as T | undefined;
  }

  get<T>(key: Key<T>, wantedBy: string): T {
    const name = nameOf(key);
    const found = this.services.get(name);
    if (!found) throw new Error(`module ${wantedBy} needs the service "${name}", which no module before it in src/modules.ts provides`);
    this.use(wantedBy, name);
    return found.service as T;
  }

  /** Who uses whose service: module → the modules whose services it has used (itself and the app left out). */
  dependencies(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const [module, names] of this.uses) {
      for (const name of names) {
        const provider = this.services.get(name)?.module;
        if (!provider || provider === module) continue;
        if (!out.has(module)) out.set(module, new Set());
        out.get(module)!.add(provider);
      }
    }
    return out;
  }
}

/** The loops among modules' services: each list is a module whose service use comes back to it (A → B → A). */
export function serviceLoops(deps: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const loops: string[][] = [];
  const walk = (start: string, at: string, path: string[]) => {
    for (const next of deps.get(at) ?? []) {
      if (next === start) loops.push([...path, start]);
      else if (!path.includes(next)) walk(start, next, [...path, next]);
    }
  };
  for (const m of [...deps.keys()].sort()) walk(m, m, [m]);
  // One entry per loop: the rotation starting at its smallest name.
  const seen = new Set<string>();
  return loops.filter((l) => {
    const ring = l.slice(0, -1);
    const i = ring.indexOf([...ring].sort()[0]);
    const key = [...ring.slice(i), ...ring.slice(0, i)].join('>');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
