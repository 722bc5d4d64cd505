/**
 * The payments bench's load generator, in its own process (fork) so it does not share the
 * application's event loop: POSTs pre-signed Stripe events with their Stripe-Signature headers.
 */
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';

export interface SignedEventLoad {
  url: string;
  concurrency: number;
  /** The endpoint's secret: each event is signed just before it is sent (Stripe's 5-minute tolerance). */
  secret: string;
  payloads: string[];
}

export interface SignedEventResult {
  seconds: number;
  latenciesMs: number[];
  /** Answers other than 200, by status. */
  failures: Record<string, number>;
}

async function run(load: SignedEventLoad): Promise<SignedEventResult> {
  const { url, concurrency, secret, payloads } = load;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs: number[] = [];
  const failures: Record<string, number> = {};
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < payloads.length) {
        const payload = payloads[next++];
        const t0 = process.hrtime.bigint();
        const status = await post(
          new URL(url),
          { payload, signature: sign(payload, secret) },
          agent,
        );
        latenciesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (status !== 200) {
          failures[status] = (failures[status] ?? 0) + 1;
        }
      }
    }),
  );
  agent.destroy();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, latenciesMs, failures };
}

/** Stripe's v1 scheme, as @app/stripe-fake's signPayload (kept here: the client stays light). */
function sign(payload: string, secret: string): string {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

function post(
  url: URL,
  event: { payload: string; signature: string },
  agent: Agent,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(event.payload),
          'stripe-signature': event.signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(event.payload);
  });
}

process.once('message', (message: SignedEventLoad) => {
  void run(message).then((result) => {
    process.send?.(result, () => process.exit(0));
  });
});
