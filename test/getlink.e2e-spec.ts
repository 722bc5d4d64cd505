import { TelegramFakeServer } from '@app/telegram-fake';
import { ExpiryService } from '../src/access/lifecycle/expiry.service';
import { PrivacyService } from '../src/privacy/privacy.service';
import {
  drainOutbox,
  eventually,
  linkButtons,
  sellerWithPlan,
  startedUser,
} from './factories/membership.factory';
import { FakeClock, MINUTE } from './support/fake-clock';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';

describe('Test mode: /getlink', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let admin: number;
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    admin = tg.createUser({ first_name: 'Admin' }).id;
    t = await createTelegramTestApp({
      tg,
      mode: 'webhook',
      clock,
      env: { ADMIN_TELEGRAM_IDS: String(admin), TELEGRAM_RATE_PRIVATE_CHAT_PER_SECOND: '30' },
    });
    t.tg.core.chats.ensureDialog(t.tg.core.bot(t.botToken).id, admin).started = true;
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  const testData = (chatId: number) =>
    Promise.all([
      t.connection
        .collection('memberships')
        .countDocuments({ test: true, 'channels.chatId': chatId }),
      t.connection.collection('grants').countDocuments({ provider: 'test' }),
      t.connection.collection('access_links').countDocuments({ chatId, telegramUserId: admin }),
    ]);

  it('runs the whole cycle: link, join, expiry removal after 1 minute, then erasure', async () => {
    const { channels } = await sellerWithPlan(t);
    const chatId = channels[0].chatId;

    tg.sendCommand(admin, 'getlink', { bot: t.botToken, args: `1m ${chatId}` });
    await tg.waitForMessage({ chatId: admin, text: /Test membership for .*: 1m/ });
    await eventually(async () => {
      await drainOutbox(t);
      return linkButtons(tg, admin).length === 1;
    }, 'the test link');
    const [url] = linkButtons(tg, admin);
    const [link] = tg.inviteLinks(chatId).filter((l) => l.invite_link === url);
    expect(link.member_limit).toBe(1);
    expect(tg.openInviteLink(admin, url)).toMatchObject({ outcome: 'joined' });
    await eventually(
      async () => (await t.connection.collection('member_presence').countDocuments({ chatId })) > 0,
      'the join',
    );

    clock.advance(30_000);
    expect((await t.app.get(ExpiryService).sweep()).expired).toBe(0);
    clock.advance(MINUTE);
    expect((await t.app.get(ExpiryService).sweep()).expired).toBe(1);
    await drainOutbox(t);
    expect(tg.chatMember(chatId, admin).status).toBe('left');
    const calls = tg
      .calls()
      .filter(
        (c) =>
          c.ok && Number(c.params.user_id) === admin && /^(ban|unban)ChatMember$/.test(c.method),
      );
    expect(calls.map((c) => c.method)).toEqual(['banChatMember', 'unbanChatMember']);
    expect(await testData(chatId)).toEqual([1, 1, 1]);

    expect((await t.app.get(PrivacyService).runDaily()).erased).toBe(1);
    expect(await testData(chatId)).toEqual([0, 0, 0]);
  });

  it('refuses people who are not admins, and explains the usage', async () => {
    const { channels } = await sellerWithPlan(t);
    const someone = startedUser(t);
    tg.sendCommand(someone, 'getlink', { bot: t.botToken, args: `1m ${channels[0].chatId}` });
    await tg.waitForMessage({ chatId: someone, text: /for administrators/ });
    tg.sendCommand(admin, 'getlink', { bot: t.botToken, args: '5w' });
    await tg.waitForMessage({ chatId: admin, text: /^Usage: \/getlink/ });
    tg.sendCommand(admin, 'getlink', { bot: t.botToken, args: '1m -100999' });
    await tg.waitForMessage({ chatId: admin, text: /No channel is connected/ });
  });
});
