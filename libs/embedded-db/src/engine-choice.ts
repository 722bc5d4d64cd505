import { EMBEDDED_DB_ENGINES, type EmbeddedDbEngine } from './embedded-db.types';

export const ENGINE_ENV_VAR = 'EMBEDDED_DB_ENGINE';

function isEngine(value: string): value is EmbeddedDbEngine {
  return (EMBEDDED_DB_ENGINES as readonly string[]).includes(value);
}

/**
 * The engines to try, in order. An explicit choice (option, then env) is the only candidate:
 * someone who asked for FerretDB wants to know it failed, not to silently get something else.
 */
export function enginesToTry(
  preferred: EmbeddedDbEngine | undefined,
  env: NodeJS.ProcessEnv = process.env,
): EmbeddedDbEngine[] {
  if (preferred !== undefined) {
    if (!isEngine(preferred)) {
      throw new Error(`unknown embedded db engine "${String(preferred)}"`);
    }
    return [preferred];
  }
  const fromEnv = env[ENGINE_ENV_VAR]?.trim();
  if (fromEnv) {
    if (!isEngine(fromEnv)) {
      throw new Error(
        `${ENGINE_ENV_VAR}="${fromEnv}" is not one of ${EMBEDDED_DB_ENGINES.join(', ')}`,
      );
    }
    return [fromEnv];
  }
  return [...EMBEDDED_DB_ENGINES];
}
