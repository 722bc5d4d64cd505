import { TelegramFakeServer } from '@app/telegram-fake';
import { Types } from 'mongoose';
import { AccessService } from '../src/access/access.service';
import { ExpiryService } from '../src/access/lifecycle/expiry.service';
import { ReminderService } from '../src/access/lifecycle/reminder.service';
import { MembershipRepository } from '../src/memberships/membership.repository';
import {
  DAY_MINUTES,
  drainOutbox,
  eventually,
  grant,
  linkButtons,
  paymentGrant,
  sellerWithPlan,
  SellerSetup,
  startedUser,
} from './factories/membership.factory';
import { DAY, FakeClock, HOUR, MINUTE } from './support/fake-clock';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';

describe('Membership lifecycle: reminders, grace, expiry removal', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let expiry: ExpiryService;
  let reminders: ReminderService;
  let memberships: MembershipRepository;
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({
      tg,
      mode: 'webhook',
      clock,
      env: { TELEGRAM_RATE_PRIVATE_CHAT_PER_SECOND: '30', GRACE_DAYS: '3', REMINDER_DAYS: '3,1' },
    });
    expiry = t.app.get(ExpiryService);
    reminders = t.app.get(ReminderService);
    memberships = t.app.get(MembershipRepository);
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  /** A payer who paid and joined every chat of the plan. */
  async function joinedMember(
    setup: SellerSetup,
    overrides: Parameters<typeof paymentGrant>[2] = {},
  ) {
    const payer = startedUser(t);
    const outcome = await grant(t, paymentGrant(setup, payer, overrides));
    await drainOutbox(t);
    for (const url of linkButtons(tg, payer)) {
      expect(tg.openInviteLink(payer, url)).toMatchObject({ outcome: 'joined' });
    }
    for (const channel of setup.channels) {
      await eventually(
        async () =>
          (await t.connection
            .collection('member_presence')
            .countDocuments({ membershipId: outcome.membership!.id, chatId: channel.chatId })) > 0,
        'the join to be recorded',
      );
    }
    return { payer, membershipId: outcome.membership!.id, grantId: outcome.grant.id };
  }

  const removalCalls = (payer: number) =>
    tg
      .calls()
      .filter(
        (c) =>
          c.ok &&
          Number(c.params.user_id) === payer &&
          ['banChatMember', 'unbanChatMember'].includes(c.method),
      );

  it('removes an expired member from every channel of the plan: ban, then unban only_if_banned', async () => {
    const setup = await sellerWithPlan(t, { channelCount: 2 });
    const { payer, membershipId } = await joinedMember(setup, { durationMinutes: 60 });

    clock.advance(59 * MINUTE);
    expect((await expiry.sweep()).expired).toBe(0);
    clock.advance(2 * MINUTE);
    expect(await expiry.sweep()).toMatchObject({ expired: 1 });
    await drainOutbox(t);

    for (const channel of setup.channels) {
      const calls = removalCalls(payer).filter((c) => Number(c.params.chat_id) === channel.chatId);
      expect(calls.map((c) => [c.method, c.params.only_if_banned ?? null])).toEqual([
        ['banChatMember', null],
        ['unbanChatMember', true],
      ]);
      expect(tg.chatMember(channel.chatId, payer).status).toBe('left');
    }
    expect(tg.messagesTo(payer).at(-1)?.text).toContain('has ended');
    expect(await memberships.findById(membershipId)).toMatchObject({ status: 'expired' });
    const history = await t.connection
      .collection('membership_events')
      .find({ membershipId })
      .toArray();
    expect(history.map((h) => [h.from, h.to, h.reason])).toEqual([
      ['pending', 'active', expect.stringContaining('granted by')],
      ['active', 'expired', 'paid time ended'],
    ]);

    expect(await expiry.sweep()).toMatchObject({ expired: 0 });
    await drainOutbox(t);
    expect(removalCalls(payer)).toHaveLength(4);
  });

  it('keeps a member whose renewal failed through the grace period, then removes them', async () => {
    const setup = await sellerWithPlan(t, { plan: { billing: 'recurring' } });
    const { payer, membershipId } = await joinedMember(setup, {
      billing: 'recurring',
      durationMinutes: 30 * DAY_MINUTES,
      stripeSubscriptionId: `sub_${Date.now()}`,
    });

    clock.advance(30 * DAY - HOUR);
    await t.app.get(AccessService).startGrace({
      membershipId,
      reason: 'renewal in_1 failed (attempt 1)',
      eventKey: 'pay_1',
    });
    await drainOutbox(t);
    expect(tg.messagesTo(payer).at(-1)?.text).toContain('did not go through');
    const inGrace = await memberships.findById(membershipId);
    expect(inGrace).toMatchObject({ status: 'grace' });
    expect(inGrace!.graceEndsAt!.getTime()).toBe(inGrace!.expiresAt!.getTime() + 3 * DAY);

    clock.advance(2 * DAY);
    expect(await expiry.sweep()).toMatchObject({ expired: 0 });
    await drainOutbox(t);
    expect(removalCalls(payer)).toHaveLength(0);

    clock.advance(2 * DAY);
    expect(await expiry.sweep()).toMatchObject({ expired: 1 });
    await drainOutbox(t);
    expect(removalCalls(payer).map((c) => c.method)).toEqual(['banChatMember', 'unbanChatMember']);
    const history = await t.connection
      .collection('membership_events')
      .find({ membershipId })
      .toArray();
    expect(history.map((h) => h.to)).toEqual(['active', 'grace', 'expired']);
    expect(history[2].reason).toBe('grace period ended without payment');
  });

  it('gives a subscription whose period ended unrenewed the grace window; a late renewal stacks and keeps the member', async () => {
    const setup = await sellerWithPlan(t, { plan: { billing: 'recurring' } });
    const input = { billing: 'recurring' as const, durationMinutes: 30 * DAY_MINUTES };
    const { payer, membershipId } = await joinedMember(setup, input);
    const before = await memberships.findById(membershipId);

    clock.advance(30 * DAY + MINUTE);
    expect(await expiry.sweep()).toMatchObject({ grace: 1, expired: 0 });
    expect(await memberships.findById(membershipId)).toMatchObject({ status: 'grace' });

    await grant(
      t,
      paymentGrant(setup, payer, {
        ...input,
        kind: 'renewal',
        providerPaymentId: `in_${membershipId}`,
      }),
    );
    const renewed = await memberships.findById(membershipId);
    expect(renewed).toMatchObject({ status: 'active' });
    expect(renewed!.expiresAt!.getTime()).toBe(clock.now().getTime() + 30 * DAY);
    expect(renewed!.expiresAt!.getTime()).toBeGreaterThan(before!.expiresAt!.getTime());

    clock.advance(DAY);
    expect(await expiry.sweep()).toMatchObject({ expired: 0, grace: 0 });
    await drainOutbox(t);
    expect(removalCalls(payer)).toHaveLength(0);
  });

  it('does not remove a member whose renewal landed after the sweep expired them', async () => {
    const setup = await sellerWithPlan(t);
    const { payer, membershipId } = await joinedMember(setup, { durationMinutes: 60 });
    clock.advance(2 * HOUR);
    expect(await expiry.sweep()).toMatchObject({ expired: 1 });
    // The renewal is applied before the removal job runs, and the sweep's status write lands
    // after the renewal's (a lost update): the removal must see the paid time all the same.
    await grant(
      t,
      paymentGrant(setup, payer, { kind: 'renewal', providerPaymentId: `in_late_${membershipId}` }),
    );
    await t.connection
      .collection('memberships')
      .updateOne({ _id: new Types.ObjectId(membershipId) }, { $set: { status: 'expired' } });
    await drainOutbox(t);
    expect(removalCalls(payer)).toHaveLength(0);
    expect(tg.chatMember(setup.channels[0].chatId, payer).status).toBe('member');
    expect(await memberships.findById(membershipId)).toMatchObject({ status: 'active' });
    const removal = await t.connection
      .collection('outbox_jobs')
      .findOne({ kind: 'access.remove', 'correlation.membershipId': membershipId });
    expect(removal).toMatchObject({ status: 'done', result: { status: 'skipped' } });
  });

  it('reminds 3 days and 1 day before the end, once per period, with a renew button', async () => {
    const setup = await sellerWithPlan(t);
    const payer = startedUser(t);
    const { membership } = await grant(t, paymentGrant(setup, payer));
    await drainOutbox(t);
    const reminderTexts = () => tg.messagesTo(payer).filter((m) => m.text?.includes('ends in'));

    clock.advance(26 * DAY);
    await reminders.sendDue();
    await drainOutbox(t);
    expect(reminderTexts()).toHaveLength(0);

    clock.advance(DAY + 12 * HOUR);
    await reminders.sendDue();
    await reminders.sendDue();
    await drainOutbox(t);
    expect(reminderTexts().map((m) => m.text)).toEqual([expect.stringContaining('ends in 3 days')]);
    const button = reminderTexts()[0].reply_markup?.inline_keyboard[0][0];
    expect(button?.url).toBe(
      `https://t.me/${tg.core.bot(t.botToken).user.username}?start=plan_${setup.plan.id}`,
    );

    clock.advance(2 * DAY);
    await reminders.sendDue();
    await reminders.sendDue();
    await drainOutbox(t);
    expect(reminderTexts().map((m) => m.text)).toEqual([
      expect.stringContaining('ends in 3 days'),
      expect.stringContaining('ends in 1 day'),
    ]);

    await grant(t, paymentGrant(setup, payer, { kind: 'renewal' }));
    clock.advance(28 * DAY);
    await reminders.sendDue();
    await drainOutbox(t);
    expect(reminderTexts()).toHaveLength(3);
    expect(membership).toBeDefined();
  });

  it('revokes at once on a refund or a seller removal, and a repeat changes nothing', async () => {
    const setup = await sellerWithPlan(t, { channelCount: 2 });
    const { payer, membershipId } = await joinedMember(setup);
    const access = t.app.get(AccessService);
    await Promise.all([
      access.revoke(membershipId, 'payment pay_1 refunded'),
      access.revoke(membershipId, 'payment pay_1 refunded'),
    ]);
    await drainOutbox(t);
    await access.revoke(membershipId, 'payment pay_1 refunded');
    await drainOutbox(t);
    expect(removalCalls(payer)).toHaveLength(4);
    expect(await memberships.findById(membershipId)).toMatchObject({ status: 'removed' });
    expect(tg.messagesTo(payer).filter((m) => m.text?.includes('was ended'))).toHaveLength(1);
    await expiry.sweep();
    await drainOutbox(t);
    expect(removalCalls(payer)).toHaveLength(4);
    expect(await memberships.findById(membershipId)).toMatchObject({ status: 'removed' });
  });
});
