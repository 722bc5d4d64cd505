/**
 * The inbound bench's load generator, run in its own process (fork) so that it does not share
 * the application's event loop. Input and result travel over IPC.
 */
import { Agent, request } from 'node:http';

export interface LoadRequest {
  url: string;
  secret: string;
  concurrency: number;
  bodies: string[];
}

export interface LoadResult {
  seconds: number;
  latenciesMs: number[];
  failed: number;
}

async function run({ url, secret, concurrency, bodies }: LoadRequest): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs: number[] = [];
  let failed = 0;
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const t0 = process.hrtime.bigint();
        const status = await post(new URL(url), body, secret, agent);
        latenciesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (status < 200 || status >= 300) {
          failed += 1;
        }
      }
    }),
  );
  agent.destroy();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, latenciesMs, failed };
}

function post(url: URL, body: string, secret: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-telegram-bot-api-secret-token': secret,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

process.once('message', (message: LoadRequest) => {
  void run(message).then((result) => {
    process.send?.(result, () => process.exit(0));
  });
});
