import { MongoClient } from 'mongodb';
import type { ExitInfo, ServerProcess } from './server-process';

export const DEFAULT_READY_TIMEOUT_MS = 60_000;
const ATTEMPT_TIMEOUT_MS = 1_000;
const RETRY_DELAY_MS = 200;

/** Sends one `ping`; resolves true on success, false if the server is not answering yet. */
export async function pingOnce(uri: string, timeoutMs = ATTEMPT_TIMEOUT_MS): Promise<boolean> {
  const client = new MongoClient(uri, {
    directConnection: true,
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
  });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

/**
 * Polls with short attempts rather than one long server selection, so that a child that dies
 * is noticed within a second and reported with its own output instead of a generic timeout.
 */
export async function waitForPing(
  uri: string,
  server: ServerProcess,
  timeoutMs = DEFAULT_READY_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: ExitInfo | undefined;
  void server.exited.then((info) => (exit = info));

  while (Date.now() < deadline) {
    if (exit) {
      throw new Error(server.describeExit(exit));
    }
    if (await pingOnce(uri)) {
      return;
    }
    await delay(RETRY_DELAY_MS);
  }
  if (exit) {
    throw new Error(server.describeExit(exit));
  }
  const output = server.outputTail();
  throw new Error(
    `${server.description} did not answer ping at ${uri} within ${timeoutMs} ms` +
      (output ? `; last output:\n${output}` : ''),
  );
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
