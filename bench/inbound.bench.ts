import { fork } from 'node:child_process';
import { join } from 'node:path';
import { webhookPathSegment } from '../src/telegram/webhook/webhook-path';
import { Bench, percentile, startBenchApp, startedUsers } from './support';
import type { LoadRequest, LoadResult } from './webhook-load.client';

const UPDATES = Number(process.env.BENCH_INBOUND_UPDATES ?? 3_000);
const CONCURRENCY = Number(process.env.BENCH_INBOUND_CONCURRENCY ?? 16);

type UpdateFactory = (i: number, userId: number) => Record<string, unknown>;

/**
 * Inbound updates/s through the webhook route (secret check, telegraf, our handlers) with the
 * time from request to answer, load sent from a separate process: `/help` (the handler replies through the fake Bot API, so the
 * reply's round trip is included) and `chat_member` (an event, no outbound call).
 */
export const inboundBench: Bench = {
  name: 'inbound (webhook -> handlers)',
  async run(ctx) {
    const b = await startBenchApp(ctx);
    try {
      const users = startedUsers(ctx.tg, b.botToken, 100);
      const target = {
        url: `${b.config.publicUrl}/webhooks/telegram/${webhookPathSegment(b.webhookSecret)}`,
        secret: b.webhookSecret,
      };
      // A first round warms the JIT and the connection pool; it is not counted.
      await measure(target, memberUpdate, users);
      const help = await measure(target, helpUpdate, users);
      const member = await measure(target, memberUpdate, users);
      return {
        updates: UPDATES,
        concurrency: CONCURRENCY,
        '/help updates/s': help.rate.toFixed(0),
        '/help p50 ms': help.p50.toFixed(1),
        '/help p99 ms': help.p99.toFixed(1),
        'chat_member updates/s': member.rate.toFixed(0),
        'chat_member p50 ms': member.p50.toFixed(1),
        'chat_member p99 ms': member.p99.toFixed(1),
        'non-2xx answers': help.failed + member.failed,
      };
    } finally {
      await b.close();
    }
  },
};

/** Sends the updates from a separate process and reads its latencies back. */
async function measure(
  target: { url: string; secret: string },
  update: UpdateFactory,
  users: number[],
): Promise<{ rate: number; p50: number; p99: number; failed: number }> {
  const bodies = Array.from({ length: UPDATES }, (_, i) =>
    JSON.stringify(update(i, users[i % users.length])),
  );
  const child = fork(join(__dirname, 'webhook-load.client.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
  });
  const result = await new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (message) => resolve(message as LoadResult));
    child.once('error', reject);
    child.send({ ...target, concurrency: CONCURRENCY, bodies } satisfies LoadRequest);
  });
  const latencies = [...result.latenciesMs].sort((a, b) => a - b);
  return {
    rate: UPDATES / result.seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
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
