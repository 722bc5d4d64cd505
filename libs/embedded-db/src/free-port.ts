import { createServer } from 'node:net';

/**
 * Asks the OS for a free loopback port. The port is released before the caller binds it, so a
 * race with another process is possible; callers retry on "address in use" (see start-on-free-port.ts).
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() =>
        port === undefined ? reject(new Error('could not read the free port')) : resolve(port),
      );
    });
  });
}

export function loopbackUri(port: number): string {
  return `mongodb://127.0.0.1:${port}/`;
}
