import type { EmbeddedDb } from '@app/embedded-db';

/** Shared between global setup and teardown, which run in the same (parent) process. */
export const TEST_DB_STATE: { db?: EmbeddedDb; dataDir?: string } = {};
