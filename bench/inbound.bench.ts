import { webhookPathSegment } from '../src/telegram/webhook/webhook-path';
import { FakeTelegramProcess } from './fake-process';
import { forkScript } from './fork-script';
import { FloorServer } from './floor-server';
import { Bench, freePort, startBenchApp } from './support';
import type { LoadRequest, LoadResult } from './webhook-load.client';

const UPDATES = Number(process.env.BENCH_INBOUND_UPDATES ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_INBOUND_CONCURRENCY ?? 16);
// This machine's speed drifts from run to run (other tenants, CPU steal): each kind is measured
// in several rounds, and the median round (by rate) is reported with every round's rate.
const ROUNDS = Number(process.env.BENCH_INBOUND_ROUNDS ?? 3);

type UpdateFactory = (i: number, userId: number) => Record<string, unknown>;

interface Round {
  rate: number;
  p50: number;
  p99: number;
  failed: number;
  cpuMicros: number;
}

interface Rounds extends Round {
  rates: string;
  failedInAll: number;
}

/**
 * Inbound updates/s through the webhook (secret check, telegraf, our handlers), with the time from
 * request to answer and the application's CPU time per update. The load (autocannon) and the fake
 * Telegram run in processes of their own, as Telegram would be elsewhere; they still share this
 * machine's cores with the application and the database. `/help` replies through the fake Bot API
 * (the reply's round trip is included); `chat_member` (a join) is an event with one database read.
 * The floor is that read behind a bare node:http server (see FloorServer): how fast this machine
 * and database serve a `chat_member` with no framework at all. It runs in this process beside the
 * idle application, so its CPU figure also holds the app's background work (outbox polling, driver
 * heartbeats): it overstates the floor's cost a little, never the app's.
 */
export const inboundBench: Bench = {
  name: 'inbound (webhook -> handlers)',
  async run(ctx) {
    const fake = await FakeTelegramProcess.start(await freePort());
    const users = await fake.startedUsers(100);
    const b = await startBenchApp(ctx, {}, { apiRoot: fake.url, botToken: fake.botToken });
    try {
      const target = {
        url: `${b.config.publicUrl}/webhooks/telegram/${webhookPathSegment(b.webhookSecret)}`,
        secret: b.webhookSecret,
      };
      // A first round of both kinds warms the JIT (for mixed traffic, as Telegram's is) and the
      // connection pools; it is not counted.
      await measure(target, (i, userId) => (i % 2 ? helpUpdate : memberUpdate)(i, userId), users);
      const floorServer = await FloorServer.start(b.config.mongodbUri ?? '');
      const floorTarget = { url: floorServer.url, secret: '' };
      // The floor gets its own uncounted round: cold JIT and an empty pool would flatter the app.
      await measure(floorTarget, memberUpdate, users);
      const repliesBefore = await fake.okCalls('sendMessage');
      const [help, member, floor] = await interleaved([
        () => measure(target, helpUpdate, users),
        () => measure(target, memberUpdate, users),
        () => measure(floorTarget, memberUpdate, users),
      ]).finally(() => floorServer.stop());
      const replies = (await fake.okCalls('sendMessage')) - repliesBefore;
      return {
        updates: `${UPDATES} a round, ${ROUNDS} rounds a kind, kinds taken in turn; the median round shown`,
        concurrency: CONCURRENCY,
        '/help updates/s': help.rate.toFixed(0),
        '/help updates/s, all rounds': help.rates,
        '/help p50 ms': help.p50.toFixed(1),
        '/help p99 ms': help.p99.toFixed(1),
        '/help app CPU µs/update': help.cpuMicros.toFixed(0),
        '/help replies at the fake': `${replies} of ${UPDATES * ROUNDS}`,
        'chat_member updates/s': member.rate.toFixed(0),
        'chat_member updates/s, all rounds': member.rates,
        'chat_member p50 ms': member.p50.toFixed(1),
        'chat_member p99 ms': member.p99.toFixed(1),
        'chat_member app CPU µs/update': member.cpuMicros.toFixed(0),
        'floor updates/s': floor.rate.toFixed(0),
        'floor updates/s, all rounds': floor.rates,
        'floor p99 ms': floor.p99.toFixed(1),
        'floor CPU µs/update': floor.cpuMicros.toFixed(0),
        'non-2xx answers': help.failedInAll + member.failedInAll + floor.failedInAll,
      };
    } finally {
      await b.close();
      await fake.stop();
    }
  },
};

/** Runs each kind ROUNDS times, taking the kinds in turn so that a drift hits them alike. */
async function interleaved(kinds: (() => Promise<Round>)[]): Promise<Rounds[]> {
  const rounds: Round[][] = kinds.map(() => []);
  for (let i = 0; i < ROUNDS; i++) {
    for (const [k, kind] of kinds.entries()) {
      rounds[k].push(await kind());
    }
  }
  return rounds.map(summary);
}

function summary(rounds: Round[]): Rounds {
  const byRate = [...rounds].sort((a, b) => a.rate - b.rate);
  return {
    ...byRate[Math.floor((byRate.length - 1) / 2)],
    rates: rounds.map((r) => r.rate.toFixed(0)).join(', '),
    failedInAll: rounds.reduce((sum, r) => sum + r.failed, 0),
  };
}

/** Sends the updates from a separate process and reads its latencies back. */
async function measure(
  target: { url: string; secret: string },
  update: UpdateFactory,
  users: number[],
): Promise<Round> {
  const bodies = Array.from({ length: UPDATES }, (_, i) =>
    JSON.stringify(update(i, users[i % users.length])),
  );
  const child = forkScript('bench/webhook-load.client');
  // This process is the application's: its CPU time over the run is what the updates cost it.
  let cpu: NodeJS.CpuUsage | undefined;
  const result = await new Promise<LoadResult>((resolve, reject) => {
    child.on('message', (message) => {
      if (message === 'ready') {
        cpu = process.cpuUsage();
        child.send({ ...target, concurrency: CONCURRENCY, bodies } satisfies LoadRequest);
        return;
      }
      resolve(message as LoadResult);
    });
    child.once('error', reject);
  });
  const used = process.cpuUsage(cpu);
  return {
    cpuMicros: (used.user + used.system) / UPDATES,
    rate: UPDATES / result.seconds,
    p50: result.p50Ms,
    p99: result.p99Ms,
    failed: result.failed,
  };
}

const now = (): number => Math.floor(Date.now() / 1000);

function helpUpdate(i: number, userId: number): Record<string, unknown> {
  return {
    update_id: 1_000_000 + i,
    message: {
      message_id: i + 1,
      date: now(),
      chat: { id: userId, type: 'private', first_name: 'Bench' },
      from: { id: userId, is_bot: false, first_name: 'Bench' },
      text: '/help',
      entities: [{ type: 'bot_command', offset: 0, length: 5 }],
    },
  };
}

function memberUpdate(i: number, userId: number): Record<string, unknown> {
  const user = { id: userId, is_bot: false, first_name: 'Bench' };
  return {
    update_id: 2_000_000 + i,
    chat_member: {
      chat: { id: -1002000000001, type: 'channel', title: 'Bench channel' },
      from: user,
      date: now(),
      old_chat_member: { status: 'left', user },
      new_chat_member: { status: 'member', user },
    },
  };
}
