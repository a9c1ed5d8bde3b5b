/**
 * `npm run structure`: the code's shape in figures, from the source itself (the TypeScript compiler's
 * parser). test/architecture.test.ts holds the rules these figures must keep; this prints them.
 *
 *   - files that import the bot SDKs (botbuilder, botframework-connector, @microsoft/teams-ai);
 *   - imports from one capability folder into another's internals (anything but its api.ts);
 *   - imports from the kernel (src/core) into a capability;
 *   - files with SQL outside repositories;
 *   - the longest functions, and files over 300 lines.
 *
 * Usage: node dist/scripts/structure.js [--json] [ROOT]   (ROOT defaults to the repository)
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const CAPABILITIES = ['contracts', 'intake', 'policy', 'survey', 'help', 'control', 'plan', 'spend'] as const;
const SDK = /^(botbuilder|botbuilder-[\w-]+|botframework-[\w-]+|@microsoft\/teams-ai)$/;
const SQL = /\b(SELECT\s[\s\S]*\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/;

export interface Structure {
  files: number;
  sdkFiles: string[];
  crossImports: { from: string; to: string }[];
  kernelImportsCapability: { from: string; to: string }[];
  sqlOutsideRepositories: string[];
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
function capabilityOf(rel: string): string | null {
  const top = rel.split('/')[1];
  return (CAPABILITIES as readonly string[]).includes(top) ? top : null;
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
  const result: Structure = { files: files.length, sdkFiles: [], crossImports: [], kernelImportsCapability: [], sqlOutsideRepositories: [], longestFunctions: [], filesOver300: [] };
  const functions: Structure['longestFunctions'] = [];
  for (const file of files) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const text = fs.readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;
    const lines = text.split('\n').length;
    if (lines > 300) result.filesOver300.push({ file: rel, lines });
    const cap = capabilityOf(rel);
    let sdk = false;
    let sql = false;
    const visit = (node: ts.Node) => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const spec = node.moduleSpecifier.text;
        if (SDK.test(spec)) sdk = true;
        if (spec.startsWith('.')) {
          const target = path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep).join('/');
          const targetCap = capabilityOf(target);
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
