import fs from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/** The folder that holds package.json, whether we run from src/ (tests) or dist/src/ (build). */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  cached = dir;
  return dir;
}

export function fromRoot(...parts: string[]): string {
  return path.join(projectRoot(), ...parts);
}
