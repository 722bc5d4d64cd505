import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { enginesToTry } from './engine-choice';
import { EngineUnavailableError } from './engine-unavailable.error';
import type {
  EmbeddedDb,
  EmbeddedDbEngine,
  EngineStarter,
  StartEmbeddedDbOptions,
} from './embedded-db.types';
import { startFerretDb } from './ferretdb-engine';
import { startMemoryServer } from './memory-server-engine';
import { startMongod } from './mongod-engine';

const STARTERS: Record<EmbeddedDbEngine, EngineStarter> = {
  mongod: startMongod,
  ferretdb: startFerretDb,
  'mongodb-memory-server': startMemoryServer,
};

/**
 * Starts the first engine that works (mongod on PATH, FerretDB, mongodb-memory-server) or the
 * one explicitly asked for, and resolves once it answers `ping`.
 */
export async function startEmbeddedDb(options: StartEmbeddedDbOptions): Promise<EmbeddedDb> {
  const log = options.log ?? (() => {});
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });

  const failures: string[] = [];
  for (const engine of enginesToTry(options.preferred)) {
    try {
      const db = await STARTERS[engine](dataDir, log);
      log(`embedded-db: started ${db.engine} at ${db.uri} (data in ${dataDir})`);
      return db;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const verdict = error instanceof EngineUnavailableError ? 'unavailable' : 'failed to start';
      log(`embedded-db: ${engine} ${verdict}: ${reason}`);
      failures.push(`- ${engine}: ${reason}`);
    }
  }
  throw new Error(`could not start an embedded database; tried:\n${failures.join('\n')}`);
}
