import { TelegramFakeServer, type Message } from '@app/telegram-fake';
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

  /** The test membership's traces for this chat: membership, grant, links. */
  const testData = (chatId: number) =>
    Promise.all([
      t.connection
        .collection('memberships')
        .countDocuments({ test: true, 'channels.chatId': chatId }),
      t.connection
        .collection('grants')
        .countDocuments({ provider: 'test', 'channels.chatId': chatId }),
      t.connection.collection('access_links').countDocuments({ chatId, telegramUserId: admin }),
    ]);

  /**
   * From the grant's answer on, what every test membership goes through: its link, the join,
   * removal once its minute is over, then the erasure of its data.
   */
  async function runCycle(chatId: number): Promise<void> {
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
          c.ok &&
          Number(c.params.user_id) === admin &&
          Number(c.params.chat_id) === chatId &&
          /^(ban|unban)ChatMember$/.test(c.method),
      );
    expect(calls.map((c) => c.method)).toEqual(['banChatMember', 'unbanChatMember']);
    expect(await testData(chatId)).toEqual([1, 1, 1]);

    expect((await t.app.get(PrivacyService).runDaily()).erased).toBe(1);
    expect(await testData(chatId)).toEqual([0, 0, 0]);
  }

  /** Sends `/getlink <args>` and waits for the answer with the channel buttons. */
  async function channelChoice(args: string): Promise<Message> {
    const sent = tg.sendCommand(admin, 'getlink', { bot: t.botToken, args });
    return tg.waitForMessage(
      (m) =>
        m.chat.id === admin &&
        m.message_id > sent.message_id &&
        /^Pick the channel for a/.test(m.text ?? ''),
    );
  }

  const callbacks = (message: Message) =>
    (message.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data);

  it('runs the whole cycle: link, join, expiry removal after 1 minute, then erasure', async () => {
    const { channels } = await sellerWithPlan(t);
    const chatId = channels[0].chatId;

    tg.sendCommand(admin, 'getlink', { bot: t.botToken, args: `1m ${chatId}` });
    await tg.waitForMessage({ chatId: admin, text: /Test membership for .*: 1m/ });
    await runCycle(chatId);
  });

  it('without a chat, offers every live channel of every seller as a button; a pressed one runs the same cycle', async () => {
    const mine = await sellerWithPlan(t);
    const others = await sellerWithPlan(t);
    const chatId = mine.channels[0].chatId;

    const choice = await channelChoice('1m');

    expect(choice.text).toBe('Pick the channel for a 1m test membership:');
    expect(callbacks(choice)).toEqual(
      expect.arrayContaining([`getlink:1:${chatId}`, `getlink:1:${others.channels[0].chatId}`]),
    );
    expect(
      choice.reply_markup?.inline_keyboard
        .flat()
        .find((b) => b.callback_data?.endsWith(`:${chatId}`))?.text,
    ).toBe(mine.channels[0].title);
    tg.pressButton(admin, {
      messageId: choice.message_id,
      data: `getlink:1:${chatId}`,
      bot: t.botToken,
    });
    await tg.waitForMessage({
      chatId: admin,
      text: new RegExp(`Test membership for ${mine.channels[0].title}: 1m`),
    });
    expect(await testData(others.channels[0].chatId)).toEqual([0, 0, 0]);
    await runCycle(chatId);
  });

  it('gives someone who is not an admin nothing for a channel button', async () => {
    const { channels } = await sellerWithPlan(t);
    const chatId = channels[0].chatId;
    const choice = await channelChoice('1h');
    const stranger = startedUser(t);
    const adminMessages = tg.messagesTo(admin).length;

    // A forged (or forwarded) press of the admin's button by someone else.
    const query = tg.pressButton(stranger, {
      chatId: admin,
      messageId: choice.message_id,
      data: `getlink:60:${chatId}`,
      bot: t.botToken,
    });
    await tg.waitFor(() =>
      tg
        .webhookDeliveries({ bot: t.botToken })
        .find((d) => d.update.callback_query?.id === query.id && d.status !== null),
    );

    expect(tg.callbackAnswer(query.id)).toBeDefined();
    expect(tg.messagesTo(stranger)).toEqual([]);
    expect(tg.messagesTo(admin)).toHaveLength(adminMessages);
    expect(await testData(chatId)).toEqual([0, 0, 0]);
    expect(
      await t.connection.collection('memberships').countDocuments({ telegramUserId: stranger }),
    ).toBe(0);
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
