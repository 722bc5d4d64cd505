import type { EmbeddedDb, EmbeddedDbEngine } from './embedded-db.types';
import { findFreePort, loopbackUri } from './free-port';
import { ServerProcess } from './server-process';
import { waitForPing } from './wait-for-ping';

const MAX_ATTEMPTS = 3;
const ADDRESS_IN_USE = /address already in use|EADDRINUSE/i;

export interface ServerCommand {
  command: string;
  args: readonly string[];
}

/**
 * Starts a server child on a free port and waits for it to answer `ping`. The port is free when
 * picked but not reserved, so losing the race to another process is retried with a new port.
 */
export async function startOnFreePort(
  engine: EmbeddedDbEngine,
  commandFor: (port: number) => ServerCommand,
): Promise<EmbeddedDb> {
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    const { command, args } = commandFor(port);
    const server = ServerProcess.spawn(command, args, `${engine} (${command})`);
    const uri = loopbackUri(port);
    try {
      await waitForPing(uri, server);
      return { uri, engine, stop: () => server.stop() };
    } catch (error) {
      await server.stop();
      const lostPortRace = server.hasExited && ADDRESS_IN_USE.test(server.outputTail());
      if (!lostPortRace || attempt >= MAX_ATTEMPTS) {
        throw error;
      }
    }
  }
}
