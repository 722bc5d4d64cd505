import { TelegramFakeServer } from '@app/telegram-fake';
import { OutboxService } from '../src/outbox/outbox.service';
import { uniqueDbName } from './support/test-app';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';
import { drainUntilFinished, okCalls, startedUsers } from './support/telegram-outbox';

describe('Outbox across application instances', () => {
  let tg: TelegramFakeServer;
  let botToken: string;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    botToken = tg.createBot({ username: 'mg_recovery_bot' }).token;
  });
  afterAll(async () => {
    await tg.stop();
  });

  it('finishes a job exactly once on a new instance after the app stopped mid-call', async () => {
    const dbName = uniqueDbName('outbox_stop');
    const first = await createTelegramTestApp({ tg, mode: 'webhook', botToken, dbName });
    const [user] = startedUsers(tg, botToken, 1);
    const hang = tg.injectFault({ method: 'sendMessage', chatId: user, hang: true, times: 1 });
    await first.app.get(OutboxService).enqueue({
      kind: 'sendMessage',
      payload: { chatId: user, text: 'survives a restart' },
      idempotencyKey: `restart:${user}`,
    });
    const inFlight = first.app.get(OutboxService).dispatchDue();
    await tg.waitFor(() => tg.faults().length === 0, { description: 'the call to hang' });

    await first.app.close();
    await expect(inFlight).resolves.toMatchObject({ claimed: 1, interrupted: 1 });
    tg.clearFault(hang);

    const second = await createTelegramTestApp({ tg, mode: 'webhook', botToken, dbName });
    try {
      const job = await drainUntilFinished(second.app.get(OutboxService), `restart:${user}`);
      expect(job).toMatchObject({ status: 'done', attempts: 2, failures: 0 });
      expect(okCalls(tg, 'sendMessage', user)).toBe(1);
      expect(tg.messagesTo(user).map((m) => m.text)).toEqual(['survives a restart']);
    } finally {
      await second.connection.dropDatabase();
      await second.close();
    }
  });

  it('performs each job once when two instances dispatch the same jobs at the same time', async () => {
    const dbName = uniqueDbName('outbox_race');
    const env = { TELEGRAM_RATE_GLOBAL_PER_SECOND: '1000' };
    const apps: TelegramTestApp[] = [
      await createTelegramTestApp({ tg, mode: 'webhook', botToken, dbName, env }),
      await createTelegramTestApp({ tg, mode: 'webhook', botToken, dbName, env }),
    ];
    try {
      const users = startedUsers(tg, botToken, 40);
      await apps[0].app.get(OutboxService).enqueueMany(
        users.map((user) => ({
          kind: 'sendMessage' as const,
          payload: { chatId: user, text: `race ${user}` },
          idempotencyKey: `race:${user}`,
        })),
      );
      const reports = await Promise.all(
        [0, 1, 0, 1].map((i) => apps[i].app.get(OutboxService).dispatchDue({ limit: 100 })),
      );
      expect(reports.reduce((sum, r) => sum + r.done, 0)).toBe(40);
      expect(users.map((user) => okCalls(tg, 'sendMessage', user))).toEqual(users.map(() => 1));
    } finally {
      await apps[0].connection.dropDatabase();
      await apps[1].close();
      await apps[0].close();
    }
  });
});
