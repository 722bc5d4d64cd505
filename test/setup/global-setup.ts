import { startEmbeddedDb } from '@app/embedded-db';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DB_STATE } from './test-db-state';

/**
 * One database server per test run. Each test file then uses its own database in it (see
 * test/support/test-app.ts), so files run in parallel without sharing state.
 */
export default async function globalSetup(): Promise<void> {
  process.env.NODE_ENV = 'test';
  if (process.env.MONGODB_URI) {
    process.env.MEMBERGATE_TEST_MONGODB_URI = process.env.MONGODB_URI;
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'membergate-test-db-'));
  const db = await startEmbeddedDb({
    dataDir,
    log: (message) => process.stderr.write(`[test-db] ${message}\n`),
  });
  TEST_DB_STATE.db = db;
  TEST_DB_STATE.dataDir = dataDir;
  process.env.MEMBERGATE_TEST_MONGODB_URI = db.uri;
  process.env.MEMBERGATE_TEST_DB_ENGINE = db.engine;
}
