/** An engine that cannot run on this machine at all (as opposed to one that failed to start). */
export class EngineUnavailableError extends Error {
  override readonly name = 'EngineUnavailableError';
}
