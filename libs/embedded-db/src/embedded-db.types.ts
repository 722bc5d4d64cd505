export type EmbeddedDbEngine = 'mongod' | 'ferretdb' | 'mongodb-memory-server';

export const EMBEDDED_DB_ENGINES: readonly EmbeddedDbEngine[] = [
  'mongod',
  'ferretdb',
  'mongodb-memory-server',
];

export interface EmbeddedDb {
  /** `mongodb://127.0.0.1:<port>/`, without a database name: callers pick their own. */
  readonly uri: string;
  readonly engine: EmbeddedDbEngine;
  /** Idempotent; kills the server process and resolves once it has exited. */
  stop(): Promise<void>;
}

export interface StartEmbeddedDbOptions {
  /** Created if missing. Each engine uses its own sub-folder, so engines never read each other's files. */
  dataDir: string;
  /** Default: no output. */
  log?: (message: string) => void;
  /** Overrides env EMBEDDED_DB_ENGINE; when either is set, only that engine is tried. */
  preferred?: EmbeddedDbEngine;
}

/** What every engine module exports: start one server or throw why it could not. */
export type EngineStarter = (
  dataDir: string,
  log: (message: string) => void,
) => Promise<EmbeddedDb>;
