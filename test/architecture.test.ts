import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CAPABILITIES, capabilitiesOf, measure } from '../scripts/structure';
import { CONTRACT_SEARCH } from '../src/contracts/api';
import { serviceLoops } from '../src/core/services';
import { pathsOf } from '../src/http/openapi';
import { MODULES } from '../src/modules';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { createTestDb } from './helpers/db';

/**
 * The module shape, held by the code itself (`npm run structure` prints the same figures):
 * the bot SDKs stay behind the seam, capabilities use each other only through api.ts, the kernel
 * depends on no capability, SQL stays out of handlers, routes, reports and deliveries, nothing imports
 * up the layer order of docs/architecture.md, and no file imports another that imports it back.
 */
const root = path.join(__dirname, '..');
const s = measure(root);

it('only the seam (src/bot) and each capability\'s Teams handler files import botbuilder or teams-ai', () => {
  const outside = s.sdkFiles.filter((f) => !f.startsWith('src/bot/') && !/^src\/[a-z-]+\/teams(-[a-z-]+)?\.ts$/.test(f));
  expect(outside).toEqual([]);
  const handlerFiles = s.sdkFiles.filter((f) => !f.startsWith('src/bot/'));
  // One Teams handler file per capability, plus policy's language model (teams-ai's planner).
  expect(handlerFiles.sort()).toEqual(['src/contracts/teams.ts', 'src/intake/teams.ts', 'src/plan/teams.ts', 'src/policy/teams-model.ts', 'src/policy/teams.ts', 'src/survey/teams.ts']);
});

it('no capability imports another\'s internals, only its api.ts', () => {
  expect(s.crossImports).toEqual([]);
});

it('the kernel (src/core) imports no capability and no bot SDK', () => {
  expect(s.kernelImportsCapability).toEqual([]);
  expect(s.sdkFiles.filter((f) => f.startsWith('src/core/'))).toEqual([]);
});

it('nothing imports up the layer order, every folder has a layer, and no files import each other in a ring', () => {
  expect(s.upwardImports).toEqual([]);
  expect(s.unlayered).toEqual([]);
  expect(s.cycles).toEqual([]);
});

it('sees an upward import and a cycle when there is one (the check itself)', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'structure-'));
  try {
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(scratch, rel)), { recursive: true });
      fs.writeFileSync(path.join(scratch, rel), text);
    };
    write('src/modules.ts', "import { aModule } from './alpha/module';\nexport const MODULES = [aModule];\n");
    write('src/alpha/module.ts', "export const aModule = { name: 'alpha' };\n");
    write('src/core/a.ts', "import { b } from './b';\nimport { aModule } from '../alpha/module';\nexport const a = () => b + aModule.name;\n");
    write('src/core/b.ts', "import { a } from './a';\nexport const b = String(a);\n");
    const m = measure(scratch);
    expect(capabilitiesOf(scratch)).toEqual(['alpha']);
    expect(m.upwardImports.map((u) => `${u.from}->${u.to}`)).toEqual(['core->alpha']);
    expect(m.cycles).toEqual([['src/core/a.ts', 'src/core/b.ts']]);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});

it('keeps SQL out of Teams handlers, routes, reports, deliveries and the app', () => {
  const forbidden = s.sqlOutsideRepositories.filter((f) => /\/(teams[a-z-]*|routes|report|delivery|router|http|turn)\.ts$|^src\/app\.ts$/.test(f));
  expect(forbidden).toEqual([]);
  // What is left outside a repository file, to shrink and never to grow: the bot SDK's state store,
  // the metrics' gauges, and the knowledge index and its search.
  const known = ['src/bot/storage.ts', 'src/ops/metrics.ts', 'src/policy/knowledge.ts', 'src/policy/retrieval.ts'];
  expect(s.sqlOutsideRepositories.filter((f) => !known.includes(f))).toEqual([]);
});

it('every capability of src/modules.ts has the module shape, and its module bears the folder\'s name', () => {
  for (const cap of CAPABILITIES) {
    for (const file of ['commands.ts', 'module.ts']) {
      expect([cap, file, fs.existsSync(path.join(root, 'src', cap, file))]).toEqual([cap, file, true]);
    }
  }
  expect(MODULES.map((m) => m.name)).toEqual([...CAPABILITIES]);
});

it('no capability provides a service and uses one that depends on it', async () => {
  const db = await createTestDb();
  const built = buildApp({ config: loadConfig({}, MODULES), db, logger: createLogger('silent') });
  try {
    // find() is read at call time: a staff search (with its renewal status) is run so such a use is seen.
    await built.services.get(CONTRACT_SEARCH, 'test').search({ q: 'handskar', today: '2026-03-02' } as never);
    // The renewal status is data (the kernel's renewal_status), read with the search: no loop, none known.
    expect(serviceLoops(built.services.dependencies())).toEqual([]);
    expect(serviceLoops(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]))).toEqual([['a', 'b', 'c', 'a']]);
  } finally {
    await built.drain(100);
    await db.close();
  }
});

it('no file grows past 350 lines', () => {
  expect(s.filesOver300.filter((f) => f.lines > 350)).toEqual([]);
});

it('every capability describes its REST routes by the zod schemas they validate with, none by hand-written path items', () => {
  const described = MODULES.filter((m) => m.api).map((m) => m.name);
  expect(described).toEqual(expect.arrayContaining(['spend', 'contracts', 'intake', 'plan', 'survey', 'control', 'policy']));
  // The capabilities' part of the document is exactly their declared routes and operations (each openapi.ts's lists).
  const declared = MODULES.flatMap((m) => [...(m.api?.routes ?? []), ...(m.api?.operations ?? [])]);
  const documented = Object.entries(pathsOf(MODULES.flatMap((m) => (m.api ? [m.api] : [])))).flatMap(([p, ops]) => Object.keys(ops).map((method) => `${method} ${p}`));
  expect(documented.sort()).toEqual(declared.map((r) => `${r.method} ${r.path}`).sort());
  // src/http describes only the service's own routes: no capability's path is written there.
  const http = fs.readFileSync(path.join(root, 'src', 'http', 'openapi.ts'), 'utf8');
  const capabilityPaths = declared.map((r) => r.path);
  expect(capabilityPaths.length).toBeGreaterThan(15);
  expect(capabilityPaths.filter((p) => http.includes(`'${p}'`))).toEqual([]);
});
