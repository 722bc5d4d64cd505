export type { EmbeddedDb, EmbeddedDbEngine, StartEmbeddedDbOptions } from './embedded-db.types';
export { startEmbeddedDb } from './embedded-db';
export { buildFerretDbLauncher } from './ferretdb-build';
