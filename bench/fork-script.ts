import { ChildProcess, fork, ForkOptions } from 'node:child_process';
import { extname, join } from 'node:path';

/**
 * Forks a bench helper script given by its path from the repository root without extension.
 * The bench runs compiled (`npm run bench` builds it first, as production runs), so the helper is
 * the `.js` beside this file's; run through ts-node instead, it is the `.ts` source.
 */
export function forkScript(pathFromRoot: string, options: ForkOptions = {}): ChildProcess {
  const ext = extname(__filename);
  const loaders = ext === '.ts' ? ['-r', 'ts-node/register/transpile-only'] : [];
  return fork(join(__dirname, '..', `${pathFromRoot}${ext}`), [], {
    ...options,
    execArgv: [...loaders, '-r', 'tsconfig-paths/register'],
  });
}
