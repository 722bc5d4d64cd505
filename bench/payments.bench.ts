import { StripeFakeServer } from '@app/stripe-fake';
import { randomBytes } from 'node:crypto';
import type { SignedEventLoad, SignedEventResult } from './payments-load.client';
import { forkScript } from './fork-script';
import { Bench, BenchApp, BenchContext, percentile, startBenchApp } from './support';

const EVENTS = Number(process.env.BENCH_PAYMENTS_EVENTS ?? 1_000);
const CONCURRENCY = Number(process.env.BENCH_PAYMENTS_CONCURRENCY ?? 16);
const SEQUENTIAL = Number(process.env.BENCH_PAYMENTS_SEQUENTIAL ?? 100);
const CHANNELS = 2;

/**
 * Stripe payment webhooks per second, from receipt to links queued: signed
 * `checkout.session.completed` events POSTed to the running app (signature check, event record,
 * grant, membership, one `access.link` outbox job per channel, all before the 200), from a
 * separate process. Setup (seller, channels, plan, one Stripe Checkout per event through the
 * real SDK against the Stripe fake) is not timed.
 */
export const paymentsBench: Bench = {
  name: 'payments (Stripe webhook -> grant -> links queued)',
  async run(ctx) {
    const stripe = await StripeFakeServer.start();
    const secretKey = `sk_test_${randomBytes(12).toString('hex')}`;
    const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
    const b = await startBenchApp(ctx, {
      STRIPE_SECRET_KEY: secretKey,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_BASE: stripe.baseUrl,
    });
    try {
      const planId = await setUpShop(ctx, b);
      const sessionIds = await openCheckouts(b, planId, EVENTS + 50 + SEQUENTIAL);
      const payloads = sessionIds.map((id) =>
        JSON.stringify(stripe.completeCheckout(id)[0], null, 2),
      );
      const target = { url: `${b.config.publicUrl}/api/payments/webhook`, secret: webhookSecret };
      // A first round warms the JIT and the connection pool; it is not counted.
      await send(target, payloads.slice(0, 50), CONCURRENCY);
      const result = await send(target, payloads.slice(50, 50 + EVENTS), CONCURRENCY);
      // One at a time: what one webhook costs when nothing queues in front of it.
      const alone = await send(target, payloads.slice(50 + EVENTS), 1);
      const latencies = [...result.latenciesMs].sort((x, y) => x - y);
      const aloneLatencies = [...alone.latenciesMs].sort((x, y) => x - y);
      const jobs = await linkJobs(b);
      return {
        events: EVENTS,
        concurrency: CONCURRENCY,
        'channels per plan': CHANNELS,
        'webhooks/s': (EVENTS / result.seconds).toFixed(0),
        'p50 ms': percentile(latencies, 50).toFixed(1),
        'p99 ms': percentile(latencies, 99).toFixed(1),
        'one at a time p50 ms': percentile(aloneLatencies, 50).toFixed(1),
        'one at a time p99 ms': percentile(aloneLatencies, 99).toFixed(1),
        'non-200 answers': JSON.stringify({ ...result.failures, ...alone.failures }),
        'link jobs queued': `${jobs} (expected ${sessionIds.length * CHANNELS})`,
      };
    } finally {
      await b.close();
      await stripe.stop();
    }
  },
};

async function setUpShop(ctx: BenchContext, b: BenchApp): Promise<string> {
  const api = b.config.publicUrl;
  const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
  const password = 'bench password that is long enough';
  await call(`${api}/api/sellers/register`, { email, password, name: 'Bench seller' });
  const { accessToken } = (await call(`${api}/api/sellers/login`, { email, password })) as {
    accessToken: string;
  };
  const channelIds: string[] = [];
  for (let i = 0; i < CHANNELS; i += 1) {
    const chat = ctx.tg.createChat({ type: 'channel', title: `Bench ${i}` });
    ctx.tg.setBotRights(chat.id, b.botToken, {
      can_invite_users: true,
      can_restrict_members: true,
    });
    const channel = (await call(
      `${api}/api/sellers/channels`,
      { chatId: chat.id },
      accessToken,
    )) as {
      id: string;
    };
    channelIds.push(channel.id);
  }
  const plan = (await call(
    `${api}/api/sellers/plans`,
    { name: 'Bench plan', priceMinor: 999, currency: 'USD', durationDays: 30, channelIds },
    accessToken,
  )) as { id: string };
  return plan.id;
}

async function openCheckouts(b: BenchApp, planId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const checkout = (await call(`${b.config.publicUrl}/api/checkout`, {
      planId,
      email: `buyer${i}@example.com`,
      name: 'Bench buyer',
      telegramUserId: 5_000_000 + i,
    })) as { checkoutUrl: string };
    ids.push(checkout.checkoutUrl.split('/checkout/')[1]);
  }
  return ids;
}

async function send(
  target: { url: string; secret: string },
  payloads: string[],
  concurrency: number,
): Promise<SignedEventResult> {
  const child = forkScript('bench/payments-load.client');
  return new Promise<SignedEventResult>((resolve, reject) => {
    child.once('message', (message) => resolve(message as SignedEventResult));
    child.once('error', reject);
    child.send({ ...target, concurrency, payloads } satisfies SignedEventLoad);
  });
}

async function linkJobs(b: BenchApp): Promise<number> {
  const { getConnectionToken } = await import('@nestjs/mongoose');
  const connection = b.app.get<import('mongoose').Connection>(getConnectionToken());
  return connection.collection('outbox_jobs').countDocuments({ kind: 'access.link' });
}

async function call(url: string, body: object, accessToken?: string): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    throw new Error(`POST ${url} answered ${res.status}: ${await res.text()}`);
  }
  return res.json();
}
