// `npm start`'s build step: compile only when a source is newer than the last build, so a second start
// does not pay for a full TypeScript pass. Plain JavaScript because it runs before anything is compiled.
// A deleted or renamed file changes its folder's mtime, so folders count as sources too.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const SOURCE_DIRS = ['src', 'scripts']; // knowledge/ and cards/ are read at run time, not compiled
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const STAMP = path.join('dist', '.tsbuildinfo');

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** Whether the tree at `root` needs a build: no stamp yet, or any source newer than the stamp. */
function needsBuild(root) {
  let built;
  try {
    built = fs.statSync(path.join(root, STAMP)).mtimeMs;
  } catch {
    return true;
  }
  if (!fs.existsSync(path.join(root, 'dist', 'src', 'index.js'))) return true;
  const sources = [...SOURCE_DIRS, ...SOURCE_FILES].map((p) => newestMtime(path.join(root, p)));
  return Math.max(...sources) > built;
}

function buildIfChanged(root) {
  if (!needsBuild(root)) return false;
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  // tsc leaves its build-info untouched when nothing it emits changed; the stamp must still move past the sources.
  const now = new Date();
  fs.utimesSync(path.join(root, STAMP), now, now);
  return true;
}

module.exports = { needsBuild, buildIfChanged };

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const built = buildIfChanged(root);
  if (!built) process.stdout.write('build is up to date (no source newer than dist/); skipping tsc\n');
}
