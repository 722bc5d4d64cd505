import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmbeddedDb } from './embedded-db.types';
import { EngineUnavailableError } from './engine-unavailable.error';
import { findExecutable } from './find-executable';
import { startOnFreePort } from './start-on-free-port';

/** Uses a real `mongod` from PATH: the most faithful engine when a developer has one. */
export async function startMongod(dataDir: string): Promise<EmbeddedDb> {
  const mongod = findExecutable('mongod');
  if (!mongod) {
    throw new EngineUnavailableError('no mongod on PATH');
  }
  const dbPath = join(dataDir, 'mongod');
  await mkdir(dbPath, { recursive: true });
  return startOnFreePort('mongod', (port) => ({
    command: mongod,
    args: ['--dbpath', dbPath, '--bind_ip', '127.0.0.1', '--port', String(port), '--quiet'],
  }));
}
