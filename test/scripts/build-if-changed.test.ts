import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { needsBuild } = require('../../scripts/build-if-changed.js') as { needsBuild: (root: string) => boolean };

/** A tree shaped like the project's: sources, a compiled entry point and tsc's build-info stamp. */
function tree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'inkop-build-'));
  for (const dir of ['src/contracts', 'scripts', 'dist/src']) fs.mkdirSync(path.join(root, dir), { recursive: true });
  fs.writeFileSync(path.join(root, 'src/contracts/search.ts'), 'export const x = 1;\n');
  fs.writeFileSync(path.join(root, 'package.json'), '{}\n');
  fs.writeFileSync(path.join(root, 'dist/src/index.js'), '');
  return root;
}

function touch(file: string, secondsFromNow: number): void {
  const t = new Date(Date.now() + secondsFromNow * 1000);
  fs.utimesSync(file, t, t);
}

function stampBuild(root: string): void {
  const stamp = path.join(root, 'dist/.tsbuildinfo');
  fs.writeFileSync(stamp, '{}');
  // every source and folder older than the stamp
  for (const p of ['src/contracts/search.ts', 'src/contracts', 'src', 'scripts', 'package.json']) touch(path.join(root, p), -60);
  touch(stamp, 0);
}

describe('build-if-changed (npm start builds only when sources changed)', () => {
  it('builds a fresh clone that has never been built', () => {
    expect(needsBuild(tree())).toBe(true);
  });

  it('skips the build when nothing changed since the last one', () => {
    const root = tree();
    stampBuild(root);
    expect(needsBuild(root)).toBe(false);
  });

  it('builds again when a source file is edited', () => {
    const root = tree();
    stampBuild(root);
    touch(path.join(root, 'src/contracts/search.ts'), 5);
    expect(needsBuild(root)).toBe(true);
  });

  it('builds again when a source file is deleted (its folder changes)', () => {
    const root = tree();
    stampBuild(root);
    fs.rmSync(path.join(root, 'src/contracts/search.ts'));
    touch(path.join(root, 'src/contracts'), 5);
    expect(needsBuild(root)).toBe(true);
  });

  it('builds again when dependencies change (package-lock.json)', () => {
    const root = tree();
    stampBuild(root);
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
    touch(path.join(root, 'package-lock.json'), 5);
    expect(needsBuild(root)).toBe(true);
  });

  it('builds when the compiled entry point is missing although a stamp exists', () => {
    const root = tree();
    stampBuild(root);
    fs.rmSync(path.join(root, 'dist/src/index.js'));
    expect(needsBuild(root)).toBe(true);
  });
});
