/**
 * `npm run structure`: the code's shape in figures, from the source itself (the TypeScript compiler's
 * parser). test/architecture.test.ts holds the rules these figures must keep; this prints them.
 *
 *   - files that import the bot SDKs (botbuilder, botframework-connector, @microsoft/teams-ai);
 *   - imports from one capability folder into another's internals (anything but its api.ts);
 *   - imports from the kernel (src/core) into a capability;
 *   - imports up the layer order of docs/architecture.md (LAYERS below), folder by folder;
 *   - import cycles between files;
 *   - files with SQL outside repositories;
 *   - the longest functions, and files over 300 lines.
 *
 * Usage: node dist/scripts/structure.js [--json] [ROOT]   (ROOT defaults to the repository)
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The capabilities: the folders of the modules src/modules.ts imports (`./<folder>/module`), read from
 * its source so that adding a capability is one line there and nothing here.
 */
export function capabilitiesOf(root: string): string[] {
  const file = path.join(root, 'src', 'modules.ts');
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  // Where each imported name comes from, then the folders of the names in the MODULES array, in its order.
  const from = new Map<string, string>();
  for (const d of sf.statements.filter(ts.isImportDeclaration)) {
    const bindings = d.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) from.set(e.name.text, (d.moduleSpecifier as ts.StringLiteral).text);
  }
  const list = sf.statements
    .filter(ts.isVariableStatement)
    .flatMap((v) => v.declarationList.declarations)
    .find((d) => ts.isIdentifier(d.name) && d.name.text === 'MODULES')?.initializer;
  if (!list || !ts.isArrayLiteralExpression(list)) throw new Error('src/modules.ts: MODULES is not an array literal');
  return list.elements.map((e) => {
    const folder = /^\.\/([a-z0-9-]+)\//.exec(from.get(e.getText()) ?? '')?.[1];
    if (!folder) throw new Error(`src/modules.ts: ${e.getText()} is not imported from ./<folder>/…`);
    return folder;
  });
}

export const CAPABILITIES: readonly string[] = capabilitiesOf(path.join(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..'));

/**
 * The layer order (docs/architecture.md), bottom first. A folder (or top-level file) of src/ may import
 * its own layer and the layers below it, never one above. The capabilities' layer is every folder
 * src/modules.ts lists; the app layer is the files that put it together.
 */
export const LAYERS: readonly { name: string; folders: readonly string[] | 'capabilities' }[] = [
  { name: 'util', folders: ['util'] },
  { name: 'foundation', folders: ['config', 'logger', 'i18n'] },
  { name: 'storage', folders: ['db'] },
  { name: 'kernel', folders: ['core', 'rules'] },
  { name: 'infrastructure', folders: ['cards', 'outbox', 'http', 'ops', 'imports'] },
  { name: 'seam', folders: ['bot'] },
  { name: 'capabilities', folders: 'capabilities' },
  { name: 'app', folders: ['modules', 'app', 'index'] },
];
const SDK = /^(botbuilder|botbuilder-[\w-]+|botframework-[\w-]+|@microsoft\/teams-ai)$/;
const SQL = /\b(SELECT\s[\s\S]*\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/;

export interface Structure {
  files: number;
  sdkFiles: string[];
  crossImports: { from: string; to: string }[];
  kernelImportsCapability: { from: string; to: string }[];
  sqlOutsideRepositories: string[];
  /** Folder-level imports up the layer order: one entry per pair of folders, with one file that does it. */
  upwardImports: { from: string; to: string; example: string }[];
  /** Top-level folders of src/ in no layer (LAYERS must name every one). */
  unlayered: string[];
  /** Import cycles between files. */
  cycles: string[][];
  longestFunctions: { file: string; name: string; lines: number }[];
  filesOver300: { file: string; lines: number }[];
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The capability a src-relative path belongs to, or null (kernel, seam, infrastructure). */
function capabilityOf(rel: string, capabilities: readonly string[] = CAPABILITIES): string | null {
  const top = rel.split('/')[1];
  return capabilities.includes(top) ? top : null;
}

/** The top-level folder (or file, without .ts) of a src-relative path: "core", "app". */
const topOf = (rel: string) => rel.split('/')[1]?.replace(/\.(ts|json)$/, '') ?? '';

/** The layer index of a top-level folder, or -1 when it is in no layer (the check reports it). */
export function layerOf(top: string, capabilities: readonly string[]): number {
  return LAYERS.findIndex((l) => (l.folders === 'capabilities' ? capabilities.includes(top) : l.folders.includes(top)));
}

/** The import cycles between files: each strongly connected group of two or more (or a file importing itself), sorted. */
export function cyclesOf(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || edges.get(v)?.has(v)) out.push(group.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!idx.has(v)) connect(v);
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The src-relative file an import specifier names (x.ts or x/index.ts), or the bare path when neither exists. */
function resolveImport(root: string, from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return path.relative(root, candidate).split(path.sep).join('/');
  }
  return path.relative(root, base).split(path.sep).join('/');
}

function functionName(node: ts.Node): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  if (named.name && ts.isStringLiteral(named.name)) return named.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  if (parent && ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText().slice(0, 40)})`;
  return '(anonymous)';
}

export function measure(root: string): Structure {
  const src = path.join(root, 'src');
  const files = sourceFiles(src);
  const capabilities = capabilitiesOf(root);
  const result: Structure = {
    files: files.length,
    sdkFiles: [],
    crossImports: [],
    kernelImportsCapability: [],
    sqlOutsideRepositories: [],
    upwardImports: [],
    unlayered: [],
    cycles: [],
    longestFunctions: [],
    filesOver300: [],
  };
  const edges = new Map<string, Set<string>>();
  const upward = new Map<string, { from: string; to: string; example: string }>();
  const unlayered = new Set<string>();
  const functions: Structure['longestFunctions'] = [];
  for (const file of files) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const text = fs.readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;
    const lines = text.split('\n').length;
    if (lines > 300) result.filesOver300.push({ file: rel, lines });
    const cap = capabilityOf(rel, capabilities);
    const fileEdges = new Set<string>();
    edges.set(rel, fileEdges);
    let sdk = false;
    let sql = false;
    const visit = (node: ts.Node) => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const spec = node.moduleSpecifier.text;
        if (SDK.test(spec)) sdk = true;
        if (spec.startsWith('.')) {
          const target = path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep).join('/');
          const targetCap = capabilityOf(target, capabilities);
          const resolved = resolveImport(root, file, spec);
          if (resolved.startsWith('src/') && resolved.endsWith('.ts')) fileEdges.add(resolved);
          const [fromTop, toTop] = [topOf(rel), topOf(resolved)];
          const [fromLayer, toLayer] = [layerOf(fromTop, capabilities), layerOf(toTop, capabilities)];
          if (fromLayer < 0) unlayered.add(fromTop);
          if (resolved.startsWith('src/') && toLayer < 0) unlayered.add(toTop);
          if (fromLayer >= 0 && toLayer > fromLayer && !upward.has(`${fromTop}>${toTop}`)) upward.set(`${fromTop}>${toTop}`, { from: fromTop, to: toTop, example: `${rel} -> ${resolved}` });
          if (cap && targetCap && targetCap !== cap && !/\/api$/.test(target)) result.crossImports.push({ from: rel, to: target });
          if (rel.startsWith('src/core/') && targetCap) result.kernelImportsCapability.push({ from: rel, to: target });
        }
      }
      if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) && SQL.test(node.getText())) sql = true;
      if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) {
        const n = lineOf(node.getEnd()) - lineOf(node.getStart()) + 1;
        functions.push({ file: rel, name: functionName(node), lines: n });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    if (sdk) result.sdkFiles.push(rel);
    const repositoryLike = /(^|\/|-)repository\.ts$/.test(rel) || rel.startsWith('src/db/');
    if (sql && !repositoryLike) result.sqlOutsideRepositories.push(rel);
  }
  result.upwardImports = [...upward.values()].sort((a, b) => a.example.localeCompare(b.example));
  result.unlayered = [...unlayered].sort();
  result.cycles = cyclesOf(edges);
  result.longestFunctions = functions.sort((a, b) => b.lines - a.lines).slice(0, 8);
  result.filesOver300.sort((a, b) => b.lines - a.lines);
  return result;
}

function print(s: Structure): void {
  const list = (xs: string[]) => (xs.length ? xs.map((x) => `  ${x}`).join('\n') : '  (none)');
  console.log(`source files: ${s.files}`);
  console.log(`files importing botbuilder / teams-ai: ${s.sdkFiles.length}\n${list(s.sdkFiles)}`);
  console.log(`imports from one capability into another's internals: ${s.crossImports.length}\n${list(s.crossImports.map((i) => `${i.from} -> ${i.to}`))}`);
  console.log(`kernel (src/core) imports of a capability: ${s.kernelImportsCapability.length}\n${list(s.kernelImportsCapability.map((i) => `${i.from} -> ${i.to}`))}`);
  const layers = LAYERS.map((l) => (l.folders === 'capabilities' ? `capabilities (src/modules.ts)` : l.folders.join(', '))).join('  <  ');
  console.log(`layers, bottom first: ${layers}`);
  console.log(`imports up the layer order (folder to folder): ${s.upwardImports.length}\n${list(s.upwardImports.map((u) => `${u.from} -> ${u.to}  (e.g. ${u.example})`))}`);
  console.log(`folders in no layer: ${s.unlayered.length}\n${list(s.unlayered)}`);
  console.log(`import cycles between files: ${s.cycles.length}\n${list(s.cycles.map((c) => c.join(' <-> ')))}`);
  console.log(`files with SQL outside repositories: ${s.sqlOutsideRepositories.length}\n${list(s.sqlOutsideRepositories)}`);
  console.log(`longest functions:\n${list(s.longestFunctions.map((f) => `${f.lines} lines  ${f.file}  ${f.name}`))}`);
  console.log(`files over 300 lines: ${s.filesOver300.length}\n${list(s.filesOver300.map((f) => `${f.lines}  ${f.file}`))}`);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const root = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(__dirname, '..', '..'));
  const s = measure(root);
  if (args.includes('--json')) console.log(JSON.stringify(s, null, 2));
  else print(s);
}
