import { rmSync } from 'node:fs';
import { TEST_DB_STATE } from './test-db-state';

export default async function globalTeardown(): Promise<void> {
  await TEST_DB_STATE.db?.stop();
  if (TEST_DB_STATE.dataDir) {
    rmSync(TEST_DB_STATE.dataDir, { recursive: true, force: true });
  }
}
