import { TelegramFakeServer } from '@app/telegram-fake';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { SellerWebhookAlerts } from '../src/alerts/seller-webhook-alerts';
import { OutboxEvents } from '../src/outbox/outbox.events';
import { OutboxService } from '../src/outbox/outbox.service';
import { startAdminApp } from './factories/admin.factory';
import { eventually } from './factories/membership.factory';
import { createShop } from './factories/payment-shop.factory';
import { asSeller } from './factories/seller.factory';
import { createEndpoint } from './factories/webhook-endpoint.factory';
import { MINUTE } from './support/fake-clock';
import type { TelegramTestApp } from './support/telegram-fake';
import { drainUntilFinished, MovableClock, startedUsers } from './support/telegram-outbox';
import { WebhookReceiver } from './support/webhook-receiver';

/** Admin alerts by bot message: dead jobs, lost channel rights, failing seller webhooks. */
describe('Admin alerts', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let admins: number[];
  let outbox: OutboxService;
  let close: () => Promise<void>;
  const clock = new MovableClock();

  beforeAll(async () => {
    ({
      tg,
      t,
      adminIds: admins,
      close,
    } = await startAdminApp({
      botUsername: 'mg_alerts_bot',
      admins: 2,
      clock,
      env: {
        OUTBOX_MAX_ATTEMPTS: '2',
        TELEGRAM_RATE_PRIVATE_CHAT_PER_SECOND: '100',
        TELEGRAM_RATE_GLOBAL_PER_SECOND: '1000',
      },
    }));
    outbox = t.app.get(OutboxService);
  });
  afterAll(() => close());

  const textsTo = (chatId: number) =>
    tg.messagesTo(chatId, { bot: t.botToken }).map((m) => m.text ?? '');
  /** Runs the outbox, moving time past back-offs, until nothing is waiting. */
  const settle = async () => {
    for (let i = 0; i < 50; i += 1) {
      await outbox.drainDue({ maxMs: 2_000 });
      if ((await outbox.stats()).backlog === 0) {
        return;
      }
      clock.advance(10_000);
    }
  };
  /** A message job that dies: Telegram answers 502 to every attempt. */
  const deadJob = async (key: string) => {
    const [user] = startedUsers(tg, t.botToken, 1);
    tg.injectFault({ method: 'sendMessage', chatId: user, error: { code: 502 } });
    await outbox.enqueue({
      kind: 'sendMessage',
      payload: { chatId: user, text: 'never arrives' },
      idempotencyKey: key,
    });
    await settle();
    const job = await outbox.getByKey(key);
    expect(job?.status).toBe('dead');
    return job!;
  };

  it('tells every admin about a dead outbox job once, even when the news comes twice', async () => {
    const job = await deadJob(`alerts-dead-${Date.now()}`);
    await settle();
    for (const adminId of admins) {
      expect(textsTo(adminId).filter((text) => text.includes(job.idempotencyKey))).toEqual([
        expect.stringMatching(/^⚠️ Outbox job sendMessage .* is dead after 2 failed attempts/),
      ]);
    }
    await t.app.get(EventEmitter2).emitAsync(OutboxEvents.JobDead, { job });
    await settle();
    for (const adminId of admins) {
      expect(textsTo(adminId).filter((text) => text.includes(job.idempotencyKey))).toHaveLength(1);
    }
  });

  it('does not spam: past 10 alerts of a kind in an hour, one "more suppressed" message', async () => {
    clock.advance(60 * MINUTE);
    const before = textsTo(admins[0]).length;
    for (let i = 0; i < 12; i += 1) {
      await deadJob(`alerts-flood-${Date.now()}-${i}`);
    }
    await settle();
    const added = textsTo(admins[0]).slice(before);
    expect(added.filter((text) => text.includes('is dead after'))).toHaveLength(10);
    expect(added.filter((text) => text.includes('are not sent one by one'))).toHaveLength(1);
    expect(
      await t.connection
        .collection('admin_alerts')
        .countDocuments({ kind: 'outbox_job_dead', sent: false }),
    ).toBe(2);
  });

  it('tells the admins when the bot loses its rights in a channel', async () => {
    const shop = await createShop(t, { channels: 1 });
    const [channel] = shop.channels;
    tg.demoteBot(channel.chatId, { bot: t.botToken });
    const text = await eventually(async () => {
      await outbox.drainDue();
      return textsTo(admins[1]).find((m) => m.includes(`chat ${channel.chatId}`));
    }, 'the rights-lost alert');
    expect(text).toContain('lost its rights');
    expect(text).toContain(shop.seller.id);
  });

  it('tells the admins about a seller webhook endpoint failing for over an hour, once per streak', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      receiver.defaultStatus = 500;
      const shop = await createShop(t, { channels: 0 });
      const endpoint = await createEndpoint(t, shop.seller, { url: receiver.url('/hook') });
      await asSeller(
        t.http().post(`/api/sellers/webhooks/${endpoint.id}/test`),
        shop.seller,
      ).expect(202);
      await outbox.drainDue();
      await receiver.waitFor(1);
      const alerts = t.app.get(SellerWebhookAlerts);
      expect(await alerts.checkFailing()).toEqual({ failing: 0, alerted: 0 });

      clock.advance(61 * MINUTE);
      expect(await alerts.checkFailing()).toEqual({ failing: 1, alerted: 1 });
      expect(await alerts.checkFailing()).toEqual({ failing: 1, alerted: 0 });
      await drainUntilFinished(
        outbox,
        (await t.connection
          .collection('outbox_jobs')
          .findOne({ idempotencyKey: { $regex: `^alert:seller_webhook_failing:${endpoint.id}` } }))!
          .idempotencyKey,
      );
      const text = textsTo(admins[0]).find((m) => m.includes(receiver.url('/hook')));
      expect(text).toContain('has failed every delivery since');
      expect(text).toContain(shop.seller.id);
    } finally {
      await receiver.stop();
    }
  });
});
