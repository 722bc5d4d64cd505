import { OutboxService } from '../src/outbox/outbox.service';
import { Bench, startBenchApp, startedUsers } from './support';

const MESSAGES = Number(process.env.BENCH_OUTBOUND_MESSAGES ?? 300);
const CHATS = 50;

/**
 * Outbound messages/s through the outbox against the fake in rate-limit mode with Telegram's real
 * limits (30/s per bot, 1/s per private chat), as a share of the configured 30/s.
 */
export const outboundBench: Bench = {
  name: 'outbound (outbox -> fake Telegram, rate-limit mode)',
  async run(ctx) {
    const limit = 30;
    ctx.tg.enableRateLimits({
      perBot: { limit, windowMs: 1_000 },
      perPrivateChat: { limit: 1, windowMs: 1_000 },
    });
    const b = await startBenchApp(ctx, { TELEGRAM_RATE_GLOBAL_PER_SECOND: String(limit) });
    try {
      const users = startedUsers(ctx.tg, b.botToken, CHATS);
      const outbox = b.app.get(OutboxService);
      const before = ctx.tg.calls('sendMessage').length;
      await outbox.enqueueMany(
        Array.from({ length: MESSAGES }, (_, i) => ({
          kind: 'sendMessage' as const,
          payload: { chatId: users[i % CHATS], text: `bench message ${i}` },
          idempotencyKey: `bench:${i}`,
        })),
      );
      const started = Date.now();
      while ((await outbox.stats()).backlog > 0 && Date.now() - started < 300_000) {
        await outbox.drainDue({ maxMs: 10_000 });
      }
      const calls = ctx.tg.calls('sendMessage').slice(before);
      const ok = calls.filter((c) => c.ok);
      const spanMs = ok.length > 1 ? ok[ok.length - 1].at - ok[0].at : 0;
      const rate = spanMs > 0 ? ((ok.length - 1) * 1000) / spanMs : 0;
      return {
        messages: MESSAGES,
        chats: CHATS,
        'configured limit (msg/s)': limit,
        'delivered (msg/s)': rate.toFixed(1),
        'share of limit': `${((rate / limit) * 100).toFixed(1)}%`,
        '429 answers': calls.filter((c) => c.error_code === 429).length,
        'sent ok': ok.length,
      };
    } finally {
      ctx.tg.disableRateLimits();
      await b.close();
    }
  },
};
