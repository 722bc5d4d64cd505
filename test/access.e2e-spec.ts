import { TelegramFakeServer } from '@app/telegram-fake';
import { Injectable, Module } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { MemberPresenceEvent, MembershipEvents } from '../src/memberships/memberships.events';
import { linkName } from '../src/access/access-delivery.service';
import { AccessService } from '../src/access/access.service';
import { OutboxService } from '../src/outbox/outbox.service';
import {
  drainOutbox,
  eventually,
  grant,
  linkButtons,
  paymentGrant,
  sellerWithPlan,
  startedUser,
} from './factories/membership.factory';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';

@Injectable()
class PresenceProbe {
  readonly joined: MemberPresenceEvent[] = [];
  readonly left: MemberPresenceEvent[] = [];

  @OnEvent(MembershipEvents.MemberJoined)
  onJoined(event: MemberPresenceEvent): void {
    this.joined.push(event);
  }

  @OnEvent(MembershipEvents.MemberLeft)
  onLeft(event: MemberPresenceEvent): void {
    this.left.push(event);
  }
}

@Module({ providers: [PresenceProbe] })
class PresenceProbeModule {}

describe('Access: personal invite links bound to the payer', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let probe: PresenceProbe;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({
      tg,
      mode: 'webhook',
      extraImports: [PresenceProbeModule],
      env: { TELEGRAM_RATE_PRIVATE_CHAT_PER_SECOND: '30' },
    });
    probe = t.app.get(PresenceProbe);
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  const links = (chatId: number) => t.connection.collection('access_links').find({ chatId });

  it('delivers a one-time link per channel in one message; the payer joins, the link is revoked and member.joined announced', async () => {
    const setup = await sellerWithPlan(t, { channelCount: 2 });
    const payer = startedUser(t);
    const outcome = await grant(t, paymentGrant(setup, payer));
    await drainOutbox(t);

    const urls = linkButtons(tg, payer);
    expect(urls).toHaveLength(2);
    const url = new Map<number, string>();
    for (const channel of setup.channels) {
      const [link] = tg.inviteLinks(channel.chatId).filter((l) => urls.includes(l.invite_link));
      expect(link).toMatchObject({
        member_limit: 1,
        creates_join_request: false,
        name: linkName(outcome.grant.id),
      });
      expect(link.expire_date).toBeGreaterThan(Date.now() / 1000 + 23 * 3600);
      url.set(channel.chatId, link.invite_link);
    }
    expect(linkName(outcome.grant.id).length).toBeLessThanOrEqual(32);

    const first = url.get(setup.channels[0].chatId)!;
    const joined = tg.openInviteLink(payer, first);
    expect(joined).toMatchObject({ ok: true, outcome: 'joined' });
    await eventually(
      () => probe.joined.find((e) => e.telegramUserId === payer),
      'member.joined for the payer',
    );
    await drainOutbox(t);
    expect(
      tg.calls('revokeChatInviteLink').filter((c) => c.ok && c.params.invite_link === first),
    ).toHaveLength(1);
    const stored = await links(setup.channels[0].chatId).toArray();
    expect(stored).toEqual([
      expect.objectContaining({ status: 'used', telegramUserId: payer, inviteLink: first }),
    ]);
    expect(probe.joined.filter((e) => e.telegramUserId === payer)).toHaveLength(1);
  });

  it('sends nothing twice when the same grant is delivered again (re-delivery after a crash)', async () => {
    const setup = await sellerWithPlan(t);
    const payer = startedUser(t);
    const input = paymentGrant(setup, payer);
    await Promise.all(Array.from({ length: 5 }, () => grant(t, input)));
    await drainOutbox(t);
    const outcome = await grant(t, input);
    await t.app.get(AccessService).deliverGrant(outcome.grant, outcome.membership);
    await drainOutbox(t);
    expect(tg.messagesTo(payer)).toHaveLength(1);
    expect(tg.inviteLinks(setup.channels[0].chatId).filter((l) => !l.is_primary)).toHaveLength(1);
  });

  it('gives no new link for a chat the user is already in, and says so', async () => {
    const setup = await sellerWithPlan(t, { channelCount: 2 });
    const payer = startedUser(t);
    tg.addMember(setup.channels[0].chatId, payer);
    await grant(t, paymentGrant(setup, payer));
    await drainOutbox(t);
    expect(linkButtons(tg, payer)).toHaveLength(1);
    expect(tg.inviteLinks(setup.channels[0].chatId).filter((l) => !l.is_primary)).toHaveLength(0);
    expect(tg.messagesTo(payer).at(-1)?.text).toContain('You are already in');
  });

  it('removes a stranger who joins through a paid link, revokes the link and tells the payer', async () => {
    const setup = await sellerWithPlan(t);
    const payer = startedUser(t);
    const stranger = startedUser(t, 'Stranger');
    await grant(t, paymentGrant(setup, payer));
    await drainOutbox(t);
    const [url] = linkButtons(tg, payer);
    const chatId = setup.channels[0].chatId;

    expect(tg.openInviteLink(stranger, url)).toMatchObject({ ok: true, outcome: 'joined' });
    await eventually(
      () => t.connection.collection('access_removals').findOne({ telegramUserId: stranger }),
      'the stranger removal',
    );
    await drainOutbox(t);
    const calls = tg
      .calls()
      .filter(
        (c) => c.ok && Number(c.params.user_id) === stranger && c.method.endsWith('ChatMember'),
      );
    expect(calls.map((c) => [c.method, c.params.only_if_banned ?? null])).toEqual([
      ['banChatMember', null],
      ['unbanChatMember', true],
    ]);
    expect(tg.chatMember(chatId, stranger).status).toBe('left');
    expect(tg.inviteLinks(chatId).find((l) => l.invite_link === url)?.is_revoked).toBe(true);
    expect(tg.messagesTo(payer).at(-1)?.text).toContain('Someone else opened your invite link');
    expect(probe.joined.filter((e) => e.telegramUserId === stranger)).toHaveLength(0);
  });

  it("approves the payer's join request and declines a stranger's", async () => {
    const setup = await sellerWithPlan(t, { plan: { accessMode: 'join_request' } });
    const payer = startedUser(t);
    const stranger = startedUser(t, 'Stranger');
    await grant(t, paymentGrant(setup, payer));
    await drainOutbox(t);
    const [url] = linkButtons(tg, payer);
    const chatId = setup.channels[0].chatId;
    const [link] = tg.inviteLinks(chatId).filter((l) => l.invite_link === url);
    expect(link).toMatchObject({ creates_join_request: true });
    expect(link.member_limit).toBeUndefined();

    expect(tg.openInviteLink(stranger, url)).toMatchObject({ outcome: 'join_request' });
    expect(tg.openInviteLink(payer, url)).toMatchObject({ outcome: 'join_request' });
    await eventually(
      async () =>
        (await t.connection.collection('join_decisions').countDocuments({ chatId })) === 2,
      'two join decisions',
    );
    await drainOutbox(t);
    expect(tg.chatMember(chatId, payer).status).toBe('member');
    expect(tg.chatMember(chatId, stranger).status).toBe('left');
    expect(tg.calls('declineChatJoinRequest').filter((c) => c.ok)).toEqual([
      expect.objectContaining({ params: expect.objectContaining({ user_id: stranger }) }),
    ]);
    await eventually(
      () => probe.joined.find((e) => e.telegramUserId === payer && e.chatId === chatId),
      'member.joined after approval',
    );
    await drainOutbox(t);
    expect(tg.inviteLinks(chatId).find((l) => l.invite_link === url)?.is_revoked).toBe(true);
  });

  it('/access sends fresh links and withdraws the unused old ones', async () => {
    const setup = await sellerWithPlan(t);
    const payer = startedUser(t);
    await grant(t, paymentGrant(setup, payer));
    await drainOutbox(t);
    const [old] = linkButtons(tg, payer);

    tg.sendCommand(payer, 'access', { bot: t.botToken });
    await tg.waitForMessage({ chatId: payer, text: /fresh invite links for 1 membership/ });
    await drainOutbox(t);
    const [fresh] = linkButtons(tg, payer);
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(old);
    const chatLinks = tg.inviteLinks(setup.channels[0].chatId);
    expect(chatLinks.find((l) => l.invite_link === old)?.is_revoked).toBe(true);
    expect(chatLinks.find((l) => l.invite_link === fresh)?.is_revoked).toBe(false);
    expect(tg.openInviteLink(payer, old)).toMatchObject({ ok: false });
    expect(tg.openInviteLink(payer, fresh)).toMatchObject({ ok: true, outcome: 'joined' });

    const nobody = startedUser(t);
    tg.sendCommand(nobody, 'access', { bot: t.botToken });
    await tg.waitForMessage({ chatId: nobody, text: /no active memberships/ });
  });

  it('records a paying member leaving and announces member.left once', async () => {
    const setup = await sellerWithPlan(t);
    const payer = startedUser(t);
    await grant(t, paymentGrant(setup, payer));
    await drainOutbox(t);
    tg.openInviteLink(payer, linkButtons(tg, payer)[0]);
    await eventually(() => probe.joined.find((e) => e.telegramUserId === payer), 'join');
    tg.leaveChat(payer, setup.channels[0].chatId);
    await eventually(() => probe.left.find((e) => e.telegramUserId === payer), 'leave');
    expect(probe.left.filter((e) => e.telegramUserId === payer)).toHaveLength(1);
    const outbox = t.app.get(OutboxService);
    expect((await outbox.stats()).byStatus.dead).toBe(0);
  });
});
