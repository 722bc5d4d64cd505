import { TelegramFakeServer } from '@app/telegram-fake';
import { LeaseService } from '../src/leases/lease.service';
import { OutboxService } from '../src/outbox/outbox.service';
import {
  adminUsers,
  asAdmin,
  loginAsAdmin,
  startAdminApp,
  TestAdmin,
} from './factories/admin.factory';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';

describe('Admin system check', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let admin: TestAdmin;

  let close: () => Promise<void>;

  beforeAll(async () => {
    let adminId: number;
    ({ tg, t, adminId, close } = await startAdminApp({ botUsername: 'mg_system_check_bot' }));
    admin = await loginAsAdmin(t, adminId);
  });
  afterAll(() => close());

  const check = async () =>
    (await asAdmin(t.http().get('/api/admin/recovery/test-system'), admin).expect(200)).body;

  it('reports the database, Telegram, the outbox backlog and each job lease with its last run', async () => {
    await t.app
      .get(LeaseService)
      .runExclusive('test.system-check', { ttlMs: 60_000 }, () => Promise.resolve('done'));
    const outbox = t.app.get(OutboxService);
    const user = tg.createUser().id; // never started the bot: the job waits to be sent
    await outbox.enqueue({
      kind: 'sendMessage',
      payload: { chatId: user, text: 'queued' },
      idempotencyKey: `system-check:${user}`,
    });

    const body = await check();
    expect(body).toMatchObject({
      status: 'ok',
      warnings: [],
      database: { status: 'up' },
      telegram: { status: 'up', botUsername: 'mg_system_check_bot' },
    });
    expect(body.outbox.backlog).toBe((await outbox.stats()).backlog);
    expect(body.outbox.backlog).toBeGreaterThanOrEqual(1);
    expect(body.outbox.byStatus.pending).toBeGreaterThanOrEqual(1);
    expect(body.jobs).toContainEqual(
      expect.objectContaining({ name: 'test.system-check', outcome: 'ok', running: false }),
    );
    expect(tg.calls('getMe').at(-1)?.ok).toBe(true);
  });

  it('reports Telegram down, and the system degraded, when getMe fails', async () => {
    const fault = tg.injectFault({ method: 'getMe', error: { code: 502 } });
    try {
      const body = await check();
      expect(body.status).toBe('degraded');
      expect(body.telegram.status).toBe('down');
      expect(body.telegram.error).toContain('502');
      expect(JSON.stringify(body)).not.toContain(t.botToken);
      expect(body.warnings.join()).toContain('Telegram');
    } finally {
      tg.clearFault(fault);
    }
  });

  it('flags a job whose last run failed', async () => {
    await expect(
      t.app
        .get(LeaseService)
        .runExclusive('test.failing-job', { ttlMs: 60_000 }, () =>
          Promise.reject(new Error('boom')),
        ),
    ).rejects.toThrow('boom');
    const body = await check();
    expect(body.status).toBe('degraded');
    expect(body.jobs).toContainEqual(
      expect.objectContaining({ name: 'test.failing-job', outcome: 'error: boom' }),
    );
  });
});

describe('Admin system check without a bot token', () => {
  it('reports Telegram as off', async () => {
    const tg = await TelegramFakeServer.start();
    const botToken = tg.createBot({ username: 'mg_off_bot' }).token;
    const [adminId] = adminUsers(tg, botToken, 1);
    // One app with the bot, to log in by code; a second one on the same database with the bot off.
    const withBot = await createTelegramTestApp({
      tg,
      mode: 'webhook',
      botToken,
      env: { ADMIN_TELEGRAM_IDS: String(adminId) },
    });
    const off = await createTelegramTestApp({
      tg,
      mode: 'off',
      dbName: withBot.dbName,
      env: { ADMIN_TELEGRAM_IDS: String(adminId) },
    });
    try {
      const admin = await loginAsAdmin(withBot, adminId);
      const res = await asAdmin(off.http().get('/api/admin/recovery/test-system'), admin).expect(
        200,
      );
      expect(res.body.telegram).toEqual({ status: 'off' });
      expect(res.body.database.status).toBe('up');
    } finally {
      await off.app.close();
      await withBot.close();
      await tg.stop();
    }
  });
});
