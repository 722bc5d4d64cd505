/**
 * The inbound bench's load generator, run in its own process (fork) so that it does not share
 * the application's event loop. autocannon sends the updates (each body once, over keep-alive
 * connections) and measures; input and figures travel over IPC.
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  url: string;
  secret: string;
  concurrency: number;
  bodies: string[];
}

export interface LoadResult {
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
}

async function run({ url, secret, concurrency, bodies }: LoadRequest): Promise<LoadResult> {
  let next = 0;
  const started = process.hrtime.bigint();
  let lastAnswer = started;
  const options: autocannon.Options = {
    url,
    connections: concurrency,
    amount: bodies.length,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-telegram-bot-api-secret-token': secret,
    },
    // A fresh body per request: every update has its own update_id, as Telegram sends them.
    requests: [
      { setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    // autocannon's own duration is rounded up to its 1 s sampling tick: time the answers here.
    instance.on('response', () => {
      lastAnswer = process.hrtime.bigint();
    });
  });
  return {
    seconds: Number(lastAnswer - started) / 1e9,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

process.once('message', (message: LoadRequest) => {
  void run(message).then((result) => {
    process.send?.(result, () => process.exit(0));
  });
});
// Loaded and compiled: the measured run starts with the next message.
process.send?.('ready');
