import { TelegramFakeServer, type Message } from '@app/telegram-fake';
import { OutboxService } from '../src/outbox/outbox.service';
import { BAN_NOTICE_TEXT } from '../src/users/users.texts';
import { asAdmin, loginAsAdmin, startAdminApp, TestAdmin } from './factories/admin.factory';
import {
  drainOutbox,
  grant,
  paymentGrant,
  sellerWithPlan,
  startedUser,
} from './factories/membership.factory';
import { checkoutBody, createShop, createShopPlan } from './factories/payment-shop.factory';
import { MINUTE } from './support/fake-clock';
import type { TelegramTestApp } from './support/telegram-fake';
import { drainUntilFinished, MovableClock } from './support/telegram-outbox';

describe('Telegram users registry and platform bans', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let admin: TestAdmin;
  let outbox: OutboxService;
  const clock = new MovableClock();
  const tag = Math.random().toString(36).slice(2, 8);

  let close: () => Promise<void>;

  beforeAll(async () => {
    let adminId: number;
    ({ tg, t, adminId, close } = await startAdminApp({
      botUsername: `mg_users_${tag}_bot`,
      clock,
    }));
    outbox = t.app.get(OutboxService);
    admin = await loginAsAdmin(t, adminId);
  });
  afterAll(() => close());

  /** Resolves once the app answered the webhook delivery of this user message. */
  const handled = (message: Message) =>
    tg.waitFor(
      () =>
        tg
          .webhookDeliveries({ bot: t.botToken })
          .find(
            (d) =>
              d.update.message?.message_id === message.message_id &&
              d.update.message.chat.id === message.chat.id &&
              d.status !== null,
          ),
      { description: `delivery of message ${message.message_id}` },
    );
  /** Resolves once the app answered the latest delivered update (for non-message updates). */
  const allHandled = () =>
    tg.waitFor(
      () =>
        tg.pendingUpdates({ bot: t.botToken }).length === 0 &&
        tg.webhookDeliveries({ bot: t.botToken }).every((d) => d.status !== null),
      { description: 'every update delivered' },
    );
  const getUser = async (id: number) =>
    (await asAdmin(t.http().get(`/api/admin/users/${id}`), admin).expect(200)).body;
  const textsTo = (id: number) => tg.messagesTo(id, { bot: t.botToken }).map((m) => m.text);

  it('records a user the first time they write to the bot, with their profile', async () => {
    const user = tg.createUser({
      first_name: 'Zoe',
      last_name: `Q${tag}`,
      username: `zoe_${tag}`,
      language_code: 'de',
    });
    expect((await getUser(user.id)).firstSeenAt).toBeNull();
    await handled(tg.startBot(user.id, { bot: t.botToken }));
    const seen = await getUser(user.id);
    expect(seen).toMatchObject({
      telegramUserId: user.id,
      username: `zoe_${tag}`,
      firstName: 'Zoe',
      lastName: `Q${tag}`,
      languageCode: 'de',
      blockedBot: false,
      banned: false,
      bannedAt: null,
    });
    expect(new Date(seen.firstSeenAt).getTime()).toBeLessThanOrEqual(clock.now().getTime());
    expect(seen.lastSeenAt).toBe(seen.firstSeenAt);
  });

  it('finds users by exact id, part of the username or of the name, a page at a time', async () => {
    const users = [1, 2, 3].map((i) =>
      tg.createUser({ first_name: `Findme${tag}`, username: `finder_${tag}_${i}` }),
    );
    for (const user of users) {
      await handled(tg.startBot(user.id, { bot: t.botToken }));
    }
    const search = async (query: Record<string, string>) =>
      (await asAdmin(t.http().get('/api/admin/users').query(query), admin).expect(200)).body;

    const byId = await search({ search: String(users[1].id) });
    expect(byId.items.map((u: { telegramUserId: number }) => u.telegramUserId)).toEqual([
      users[1].id,
    ]);
    const byUsername = await search({ search: `@FINDER_${tag}` });
    expect(byUsername.total).toBe(3);
    const byName = await search({ search: `findme${tag}`, limit: '2', offset: '0' });
    expect(byName).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(byName.items).toHaveLength(2);
    const secondPage = await search({ search: `findme${tag}`, limit: '2', offset: '2' });
    expect(secondPage.items).toHaveLength(1);
    const all = [...byName.items, ...secondPage.items].map(
      (u: { telegramUserId: number }) => u.telegramUserId,
    );
    expect(all.sort()).toEqual(users.map((u) => u.id).sort());
    // Regex characters are searched literally.
    expect((await search({ search: '.*' })).total).toBe(0);
  });

  it('refreshes lastSeenAt at most every 5 minutes, but takes a profile change at once', async () => {
    const user = tg.createUser({ first_name: 'Lea', username: `lea_${tag}` });
    await handled(tg.startBot(user.id, { bot: t.botToken }));
    const first = (await getUser(user.id)).lastSeenAt;

    clock.advance(MINUTE);
    await handled(tg.sendCommand(user.id, 'help', { bot: t.botToken }));
    expect((await getUser(user.id)).lastSeenAt).toBe(first);

    clock.advance(5 * MINUTE);
    await handled(tg.sendCommand(user.id, 'help', { bot: t.botToken }));
    const later = (await getUser(user.id)).lastSeenAt;
    expect(new Date(later).getTime()).toBeGreaterThan(new Date(first).getTime());

    (tg.core.users.get(user.id) as { username?: string }).username = `lea_renamed_${tag}`;
    await handled(tg.sendCommand(user.id, 'help', { bot: t.botToken }));
    expect((await getUser(user.id)).username).toBe(`lea_renamed_${tag}`);
  });

  it('tells a banned user once why the bot stopped answering, serves them nothing, and serves them again after unban', async () => {
    const user = tg.createUser({ first_name: 'Max' });
    await handled(tg.startBot(user.id, { bot: t.botToken }));
    expect(textsTo(user.id)).toHaveLength(1);

    const banned = await asAdmin(t.http().post(`/api/admin/users/${user.id}/ban`), admin)
      .send({ reason: 'spam' })
      .expect(200);
    expect(banned.body).toMatchObject({
      banned: true,
      bannedBy: `tg:${admin.telegramId}`,
      banReason: 'spam',
    });
    // Banning twice keeps the first ban.
    const again = await asAdmin(t.http().post(`/api/admin/users/${user.id}/ban`), admin)
      .send({ reason: 'other' })
      .expect(200);
    expect(again.body.banReason).toBe('spam');

    await handled(tg.sendCommand(user.id, 'help', { bot: t.botToken }));
    await handled(tg.startBot(user.id, { bot: t.botToken }));
    await handled(tg.sendMessage(user.id, 'hello?', { bot: t.botToken }));
    await drainUntilFinished(outbox, `ban-notice:${user.id}:1`);
    await outbox.drainDue();
    expect(textsTo(user.id).slice(1)).toEqual([BAN_NOTICE_TEXT]);

    await asAdmin(t.http().post(`/api/admin/users/${user.id}/unban`), admin).expect(200);
    expect((await getUser(user.id)).banned).toBe(false);
    await handled(tg.sendCommand(user.id, 'help', { bot: t.botToken }));
    expect(textsTo(user.id).at(-1)).toMatch(/^How it works/);
  });

  it('tells a user banned a second time once more', async () => {
    const user = tg.createUser({ first_name: 'Twice' });
    await handled(tg.startBot(user.id, { bot: t.botToken }));
    const ban = () =>
      asAdmin(t.http().post(`/api/admin/users/${user.id}/ban`), admin)
        .send({ reason: 'again' })
        .expect(200);
    await ban();
    await handled(tg.sendCommand(user.id, 'help', { bot: t.botToken }));
    await asAdmin(t.http().post(`/api/admin/users/${user.id}/unban`), admin).expect(200);
    await ban();
    await handled(tg.sendCommand(user.id, 'help', { bot: t.botToken }));
    await handled(tg.sendCommand(user.id, 'help', { bot: t.botToken }));
    await drainUntilFinished(outbox, `ban-notice:${user.id}:3`);
    expect(textsTo(user.id).filter((text) => text === BAN_NOTICE_TEXT)).toHaveLength(2);
  });

  it('bans an id that never wrote to the bot', async () => {
    const id = tg.createUser().id;
    const res = await asAdmin(t.http().post(`/api/admin/users/${id}/ban`), admin)
      .send({ reason: 'known scammer' })
      .expect(200);
    expect(res.body).toMatchObject({ telegramUserId: id, banned: true, firstSeenAt: null });
  });

  it('marks a user who blocks the bot, and clears the mark when they unblock it', async () => {
    const user = tg.createUser({ first_name: 'Blocky' });
    await handled(tg.startBot(user.id, { bot: t.botToken }));
    tg.blockBot(user.id, { bot: t.botToken });
    await allHandled();
    expect((await getUser(user.id)).blockedBot).toBe(true);
    tg.unblockBot(user.id, { bot: t.botToken });
    await allHandled();
    expect((await getUser(user.id)).blockedBot).toBe(false);
  });

  it('marks a user blockedBot when Telegram refuses a message because they blocked the bot', async () => {
    const user = tg.createUser({ first_name: 'Silent' });
    await handled(tg.startBot(user.id, { bot: t.botToken }));
    // Blocked without an update reaching us: only the failed send can tell.
    tg.core.chats.ensureDialog(tg.core.bot(t.botToken).id, user.id).blocked = true;
    await outbox.enqueue({
      kind: 'sendMessage',
      payload: { chatId: user.id, text: 'news' },
      idempotencyKey: `users-spec:${user.id}`,
    });
    const job = await drainUntilFinished(outbox, `users-spec:${user.id}`);
    expect(job.status).toBe('failed');
    expect((await getUser(user.id)).blockedBot).toBe(true);
  });

  it('marks a member blockedBot when the access message with their links is refused', async () => {
    const setup = await sellerWithPlan(t, { channelCount: 1 });
    const userId = startedUser(t, 'Member');
    await handled(tg.sendMessage(userId, 'hi', { bot: t.botToken }));
    tg.core.chats.ensureDialog(tg.core.bot(t.botToken).id, userId).blocked = true;
    const { membership } = await grant(t, paymentGrant(setup, userId));
    await drainOutbox(t);
    const failed = await t.connection
      .collection('outbox_jobs')
      .findOne({ kind: 'access.message', 'correlation.membershipId': membership!.id });
    expect(failed).toMatchObject({
      status: 'failed',
      lastError: expect.stringMatching(/^BOT_BLOCKED/),
    });
    expect((await getUser(userId)).blockedBot).toBe(true);
  });

  it('keeps a banned user from paying: checkout refuses them and Telegram declines their pre-checkout', async () => {
    const shop = await createShop(t, { channels: 1 });
    const plan = await createShopPlan(t, shop, { currency: 'XTR', priceMinor: 50 });
    const user = tg.createUser({ first_name: 'Payless' });
    await handled(tg.startBot(user.id, { bot: t.botToken }));
    await asAdmin(t.http().post(`/api/admin/users/${user.id}/ban`), admin)
      .send({ reason: 'fraud' })
      .expect(200);

    const refused = await t
      .http()
      .post('/api/checkout')
      .send(checkoutBody(plan.id, { telegramUserId: user.id }))
      .expect(403);
    expect(refused.body.error.code).toBe('BUYER_BANNED');

    const invoice = await t.http().post('/api/checkout').send(checkoutBody(plan.id)).expect(201);
    const outcome = await tg.payInvoice(user.id, { link: invoice.body.checkoutUrl });
    expect(outcome).toMatchObject({
      status: 'declined',
      error_message: expect.stringMatching(/may not buy/),
    });
    expect(
      await t.connection.collection('memberships').countDocuments({ telegramUserId: user.id }),
    ).toBe(0);
  });

  it('refuses a malformed Telegram id and a ban without a reason', async () => {
    const bad = await asAdmin(t.http().get('/api/admin/users/12abc'), admin).expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const noReason = await asAdmin(t.http().post('/api/admin/users/123/ban'), admin)
      .send({})
      .expect(400);
    expect(noReason.body.error.code).toBe('VALIDATION_FAILED');
  });
});
