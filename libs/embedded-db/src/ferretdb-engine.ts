import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmbeddedDb } from './embedded-db.types';
import { buildFerretDbLauncher } from './ferretdb-build';
import { startOnFreePort } from './start-on-free-port';

/** FerretDB 1.24 over SQLite: a pure-Go stand-in for mongod that needs no download at run time. */
export async function startFerretDb(
  dataDir: string,
  log: (m: string) => void,
): Promise<EmbeddedDb> {
  const launcher = await buildFerretDbLauncher(log);
  const sqliteDir = join(dataDir, 'ferretdb');
  await mkdir(sqliteDir, { recursive: true });
  return startOnFreePort('ferretdb', (port) => ({
    command: launcher,
    args: [
      '-listen-addr',
      `127.0.0.1:${port}`,
      '-data-dir',
      sqliteDir,
      '-log-level',
      'warn',
      '-exit-on-stdin-close',
    ],
  }));
}
