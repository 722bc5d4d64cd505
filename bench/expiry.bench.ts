import { Types } from 'mongoose';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { ExpiryService } from '../src/access/lifecycle/expiry.service';
import { periodSlotId } from '../src/memberships/membership-period.repository';
import { AccessJobs } from '../src/access/outbox/access-jobs';
import { OutboxExecutorRegistry } from '../src/outbox/outbox-executor.registry';
import { OutboxService } from '../src/outbox/outbox.service';
import { Bench, percentile, startBenchApp } from './support';

const MEMBERSHIPS = Number(process.env.BENCH_EXPIRY_MEMBERSHIPS ?? 1_000);
const RATE = Number(process.env.BENCH_EXPIRY_RATE ?? 30);
const SEED_BATCH = 1_000;
const REMOVAL_METHODS = ['banChatMember', 'unbanChatMember'];

/**
 * An expiry sweep of MEMBERSHIPS expired memberships (one channel each, every member in it)
 * against the fake in rate-limit mode at RATE/s: the sweep itself (ledger check, status change,
 * removal and message queued), then the outbox sending the removals (ban + unban in one job) and
 * the "your access ended" messages. Seeding writes the documents directly and is not timed.
 */
export const expiryBench: Bench = {
  name: 'expiry (sweep -> removals and messages through the outbox, rate-limit mode)',
  async run(ctx) {
    ctx.tg.enableRateLimits({
      perBot: { limit: RATE, windowMs: 1_000 },
      perPrivateChat: { limit: 1, windowMs: 1_000 },
    });
    const b = await startBenchApp(ctx, { TELEGRAM_RATE_GLOBAL_PER_SECOND: String(RATE) });
    try {
      const chat = ctx.tg.createChat({ type: 'channel', title: 'Bench expiry' });
      ctx.tg.setBotRights(chat.id, b.botToken, {
        can_invite_users: true,
        can_restrict_members: true,
      });
      await seed(ctx, b, chat.id);
      const timings = timeExecutors(b.app.get(OutboxExecutorRegistry));
      const before = ctx.tg.calls().length;

      const sweepStarted = Date.now();
      const report = await b.app.get(ExpiryService).sweep();
      const sweepSeconds = (Date.now() - sweepStarted) / 1000;

      const outbox = b.app.get(OutboxService);
      const dispatchStarted = Date.now();
      while ((await outbox.stats()).backlog > 0 && Date.now() - dispatchStarted < 3_600_000) {
        await outbox.drainDue({ maxMs: 10_000 });
      }
      const calls = ctx.tg.calls().slice(before);
      const ok = calls.filter((c) => c.ok);
      const removals = ok.filter((c) => c.method === 'banChatMember').length;
      const messages = ok.filter((c) => c.method === 'sendMessage').length;
      const spanMs = ok.length > 1 ? ok[ok.length - 1].at - ok[0].at : 0;
      // One rate ticket per job: a removal (ban + unban) or a message.
      const jobsPerSecond = spanMs > 0 ? ((removals + messages) * 1000) / spanMs : 0;
      const apiPerSecond = spanMs > 0 ? (ok.length * 1000) / spanMs : 0;
      return {
        memberships: MEMBERSHIPS,
        'configured rate (/s)': RATE,
        'sweep: expired': report.expired,
        'sweep: seconds': sweepSeconds.toFixed(1),
        'sweep: memberships/s': (report.expired / sweepSeconds).toFixed(0),
        'removals done': `${removals} (ban+unban pairs in order: ${inOrder(calls)})`,
        'messages sent': messages,
        'dispatch: jobs/s': jobsPerSecond.toFixed(1),
        'share of configured rate': `${((jobsPerSecond / RATE) * 100).toFixed(1)}%`,
        'Telegram calls/s': apiPerSecond.toFixed(1),
        '429 answers': calls.filter((c) => c.error_code === 429).length,
        'removal job p50/p99 ms': summary(timings.get(AccessJobs.Remove)),
        'message job p50/p99 ms': summary(timings.get(AccessJobs.Message)),
        'extrapolated 100k (min)': (
          (100_000 / (report.expired / sweepSeconds) + (200_000 / jobsPerSecond || 0)) /
          60
        ).toFixed(0),
      };
    } finally {
      ctx.tg.disableRateLimits();
      await b.close();
    }
  },
};

/** Expired memberships and their ledgers, written directly, with the users in the chat. */
async function seed(
  ctx: Parameters<Bench['run']>[0],
  b: Awaited<ReturnType<typeof startBenchApp>>,
  chatId: number,
): Promise<void> {
  const connection = b.app.get<Connection>(getConnectionToken());
  const botId = ctx.tg.core.bot(b.botToken).id;
  const sellerId = new Types.ObjectId().toHexString();
  const planId = new Types.ObjectId().toHexString();
  const channelId = new Types.ObjectId().toHexString();
  const ended = new Date(Date.now() - 60_000);
  const started = new Date(ended.getTime() - 30 * 24 * 3_600_000);
  for (let from = 0; from < MEMBERSHIPS; from += SEED_BATCH) {
    const memberships: Record<string, unknown>[] = [];
    const periods: Record<string, unknown>[] = [];
    for (let i = from; i < Math.min(from + SEED_BATCH, MEMBERSHIPS); i += 1) {
      const user = ctx.tg.createUser();
      ctx.tg.core.chats.ensureDialog(botId, user.id).started = true;
      ctx.tg.addMember(chatId, user.id);
      const _id = new Types.ObjectId();
      memberships.push({
        _id,
        key: `${planId}:${user.id}`,
        sellerId,
        planId,
        telegramUserId: user.id,
        status: 'active',
        expiresAt: ended,
        channels: [{ channelId, chatId, title: 'Bench expiry' }],
        accessMode: 'invite_link',
        billing: 'one_off',
        customer: {},
        test: false,
        ledgerSeq: 1,
        createdAt: started,
        updatedAt: started,
      });
      periods.push({
        _id: periodSlotId(_id.toHexString(), 1),
        grantId: `bench:${_id.toHexString()}`,
        membershipId: _id.toHexString(),
        seq: 1,
        startsAt: started,
        endsAt: ended,
        kind: 'paid',
        createdAt: started,
      });
    }
    await connection.collection('memberships').insertMany(memberships);
    await connection.collection('membership_periods').insertMany(periods);
  }
}

/** Every user's ban came before their unban (only_if_banned). */
function inOrder(calls: Array<{ method: string; ok: boolean; params: Record<string, unknown> }>) {
  const seen = new Map<string, string>();
  for (const c of calls.filter((x) => x.ok && REMOVAL_METHODS.includes(x.method))) {
    const user = String(c.params.user_id);
    if (
      c.method === 'unbanChatMember' &&
      (seen.get(user) !== 'banChatMember' || !c.params.only_if_banned)
    ) {
      return 'no';
    }
    seen.set(user, c.method);
  }
  return 'yes';
}

/** How long each access job's execute() takes (Telegram calls and its own reads), per kind. */
function timeExecutors(registry: OutboxExecutorRegistry): Map<string, number[]> {
  const timings = new Map<string, number[]>();
  for (const kind of [AccessJobs.Remove, AccessJobs.Message]) {
    const executor = registry.require(kind);
    const execute = executor.execute.bind(executor);
    const samples: number[] = [];
    timings.set(kind, samples);
    executor.execute = async (payload, context) => {
      const started = performance.now();
      try {
        return await execute(payload, context);
      } finally {
        samples.push(performance.now() - started);
      }
    };
  }
  return timings;
}

function summary(samples: number[] | undefined): string {
  const sorted = [...(samples ?? [])].sort((a, b) => a - b);
  return `${percentile(sorted, 50).toFixed(1)} / ${percentile(sorted, 99).toFixed(1)}`;
}
