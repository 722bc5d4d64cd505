import { sleep } from '@app/common';
import { TelegramFakeServer } from '@app/telegram-fake';
import { OutboxDispatcher } from '../src/outbox/outbox-dispatcher.service';
import { OutboxExecutorRegistry } from '../src/outbox/outbox-executor.registry';
import { OutboxService } from '../src/outbox/outbox.service';
import type { OutboxExecutor } from '../src/outbox/outbox-executor';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';
import { startedUsers } from './support/telegram-outbox';

const SLOW_KIND = 'test.slow_http';

describe('Outbox: slow non-Telegram work beside Telegram deliveries', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let slowRuns = 0;
  let releaseSlow: () => void = () => undefined;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({ tg, mode: 'webhook' });
    // A kind outside Telegram's budget, like a seller webhook whose server takes seconds to answer.
    const slow = {
      kind: SLOW_KIND,
      rateClass: 'none',
      available: () => true,
      chatKey: () => 'none',
      execute: async () => {
        slowRuns += 1;
        await new Promise<void>((resolve) => {
          releaseSlow = resolve;
        });
        return 'slow done';
      },
      classify: () => ({ type: 'retry', code: 'X', reason: 'x' }),
    } as unknown as OutboxExecutor;
    t.app.get(OutboxExecutorRegistry).register(slow);
  });
  afterAll(async () => {
    releaseSlow();
    await t.close();
    await tg.stop();
  });

  it('delivers a Telegram message while a slow webhook-like job of the same pass is still running', async () => {
    const [user] = startedUsers(tg, t.botToken, 1);
    const outbox = t.app.get(OutboxService);
    await outbox.enqueue({
      kind: SLOW_KIND as never,
      payload: {} as never,
      idempotencyKey: 'slow:1',
    });
    await outbox.enqueue({
      kind: 'sendMessage',
      payload: { chatId: user, text: 'your access link' },
      idempotencyKey: 'fast:1',
    });

    // A drain waits for the Telegram calls it started, not for the jobs running beside it.
    await t.app.get(OutboxDispatcher).drain({ maxMs: 5_000 });

    expect(slowRuns).toBe(1);
    expect((await outbox.getByKey('fast:1'))?.status).toBe('done');
    expect(tg.messagesTo(user).map((m) => m.text)).toContain('your access link');
    // A later pass does not start the running job a second time.
    await t.app.get(OutboxDispatcher).dispatchDue();
    expect(slowRuns).toBe(1);

    releaseSlow();
    await t.app.get(OutboxDispatcher).settleDetached();
    await sleep(10);
    expect((await outbox.getByKey('slow:1'))?.status).toBe('done');
  });
});
