/**
 * The public services capabilities offer each other (intake's contract check uses the contract search,
 * the survey uses intake's cases). A module provides its service during setup under a name its api.ts
 * exports; a later module gets it by that name. Modules set up in list order, so a missing service is a
 * mistake in the module list, reported at start with both names.
 */
export class ServiceRegistry {
  private readonly services = new Map<string, { module: string; service: unknown }>();

  provide<T>(module: string, name: string, service: T): void {
    const existing = this.services.get(name);
    if (existing) throw new Error(`service "${name}" is provided by both ${existing.module} and ${module}`);
    this.services.set(name, { module, service });
  }

  /** A service that may be absent: read at call time by a module set up before its provider (e.g. contracts reading the renewal status). */
  find<T>(name: string): T | undefined {
    return this.services.get(name)?.service as T | undefined;
  }

  get<T>(name: string, wantedBy: string): T {
    const found = this.services.get(name);
    if (!found) throw new Error(`module ${wantedBy} needs the service "${name}", which no module before it in src/modules.ts provides`);
    return found.service as T;
  }
}
