import fs from 'node:fs';
import path from 'node:path';
import { CAPABILITIES, measure } from '../scripts/structure';
import { MODULES } from '../src/modules';

/**
 * The module shape, held by the code itself (`npm run structure` prints the same figures):
 * the bot SDKs stay behind the seam, capabilities use each other only through api.ts, the kernel
 * depends on no capability, SQL stays out of handlers, routes, reports and deliveries.
 */
const root = path.join(__dirname, '..');
const s = measure(root);

it('only the seam (src/bot) and each capability\'s Teams handler files import botbuilder or teams-ai', () => {
  const outside = s.sdkFiles.filter((f) => !f.startsWith('src/bot/') && !/^src\/[a-z-]+\/teams(-[a-z-]+)?\.ts$/.test(f));
  expect(outside).toEqual([]);
  const handlerFiles = s.sdkFiles.filter((f) => !f.startsWith('src/bot/'));
  // One Teams handler file per capability, plus policy's language model (teams-ai's planner).
  expect(handlerFiles.sort()).toEqual(['src/contracts/teams.ts', 'src/intake/teams.ts', 'src/plan/teams.ts', 'src/policy/teams-model.ts', 'src/policy/teams.ts', 'src/spend/teams.ts', 'src/survey/teams.ts']);
});

it('no capability imports another\'s internals, only its api.ts', () => {
  expect(s.crossImports).toEqual([]);
});

it('the kernel (src/core) imports no capability and no bot SDK', () => {
  expect(s.kernelImportsCapability).toEqual([]);
  expect(s.sdkFiles.filter((f) => f.startsWith('src/core/'))).toEqual([]);
});

it('keeps SQL out of Teams handlers, routes, reports, deliveries and the app', () => {
  const forbidden = s.sqlOutsideRepositories.filter((f) => /\/(teams[a-z-]*|routes|report|delivery|router|http|turn)\.ts$|^src\/app\.ts$/.test(f));
  expect(forbidden).toEqual([]);
  // What is left outside a repository file, to shrink and never to grow: the bot SDK's state store,
  // the metrics' gauges, and the knowledge index and its search.
  const known = ['src/bot/storage.ts', 'src/ops/metrics.ts', 'src/policy/knowledge.ts', 'src/policy/retrieval.ts'];
  expect(s.sqlOutsideRepositories.filter((f) => !known.includes(f))).toEqual([]);
});

it('every capability folder has the module shape and is in the module list', () => {
  for (const cap of CAPABILITIES) {
    for (const file of ['commands.ts', 'module.ts', 'teams.ts']) {
      expect([cap, file, fs.existsSync(path.join(root, 'src', cap, file))]).toEqual([cap, file, true]);
    }
  }
  expect(MODULES.map((m) => m.name).sort()).toEqual([...CAPABILITIES].sort());
});

it('no file grows past 350 lines', () => {
  expect(s.filesOver300.filter((f) => f.lines > 350)).toEqual([]);
});
