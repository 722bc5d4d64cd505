import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder holding the root package.json. Found by walking up rather than by a fixed `../..`
 * so that it works from the TypeScript sources, from `dist/` and from ts-node alike.
 */
export function findRepoRoot(startDir: string = __dirname): string {
  let dir = startDir;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`no package.json found above ${startDir}`);
    }
    dir = parent;
  }
}
