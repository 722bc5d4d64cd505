import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmbeddedDb } from './embedded-db.types';
import { findFreePort, loopbackUri } from './free-port';

/**
 * Last resort: mongodb-memory-server downloads a MongoDB build on first use, which only works
 * where that download host is reachable. Loaded lazily because it is a dev dependency.
 */
export async function startMemoryServer(dataDir: string): Promise<EmbeddedDb> {
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  const dbPath = join(dataDir, 'mongodb-memory-server');
  await mkdir(dbPath, { recursive: true });
  const port = await findFreePort();
  const server = await MongoMemoryServer.create({
    // wiredTiger, not the default ephemeral engine, so the caller's dataDir really persists.
    instance: { ip: '127.0.0.1', port, dbPath, storageEngine: 'wiredTiger' },
  });

  // Its own "mongo_killer" watchdog covers a SIGKILLed parent; this covers a plain exit.
  const killOnExit = (): void => {
    server.instanceInfo?.instance.mongodProcess?.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= server.stop({ doCleanup: false }).then(() => {
      process.removeListener('exit', killOnExit);
    });
    return stopping;
  };
  return { uri: loopbackUri(port), engine: 'mongodb-memory-server', stop };
}
