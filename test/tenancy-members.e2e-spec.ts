import { TelegramFakeServer } from '@app/telegram-fake';
import {
  drainOutbox,
  grant,
  paymentGrant,
  sellerWithPlan,
  SellerSetup,
  startedUser,
} from './factories/membership.factory';
import { asSeller } from './factories/seller.factory';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';

describe('Tenancy: members belong to their seller', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let owner: SellerSetup;
  let intruder: SellerSetup;
  let membershipId: string;
  let payer: number;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({ tg, mode: 'webhook' });
    owner = await sellerWithPlan(t);
    intruder = await sellerWithPlan(t);
    payer = startedUser(t);
    const outcome = await grant(
      t,
      paymentGrant(owner, payer, { customer: { email: 'owner-customer@example.com' } }),
    );
    membershipId = outcome.membership!.id;
    await drainOutbox(t);
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  const as = <T extends import('supertest').Test>(req: T) => asSeller(req, intruder.seller);

  it("does not list or export another seller's members", async () => {
    const list = await as(t.http().get('/api/sellers/members')).expect(200);
    expect(list.body.total).toBe(0);
    const byChannel = await as(
      t.http().get(`/api/sellers/members?channelId=${owner.channels[0].channelId}`),
    ).expect(200);
    expect(byChannel.body.total).toBe(0);
    const csv = await as(t.http().get('/api/sellers/members/export')).expect(200);
    expect(String(csv.text)).not.toContain('owner-customer@example.com');
    expect(String(csv.text).trim().split('\r\n')).toHaveLength(1);
  });

  it("answers 404 for erasing another seller's member and leaves it untouched", async () => {
    const res = await as(t.http().delete(`/api/sellers/members/${membershipId}`)).expect(404);
    expect(res.body.error.code).toBe('MEMBER_NOT_FOUND');
    const stored = await t.connection.collection('memberships').findOne({ telegramUserId: payer });
    expect(stored).toMatchObject({
      status: 'active',
      customer: { email: 'owner-customer@example.com' },
    });
  });

  it("cannot force-remove from or grant access to another seller's plan or chats", async () => {
    const remove = await as(t.http().post('/api/sellers/force-remove'))
      .send({ telegramUserId: payer, planId: owner.plan.id })
      .expect(404);
    expect(remove.body.error.code).toBe('MEMBER_NOT_FOUND');
    const byChat = await as(t.http().post('/api/sellers/force-remove'))
      .send({ telegramUserId: payer, chatIds: [owner.channels[0].chatId] })
      .expect(422);
    expect(byChat.body.error.code).toBe('CHANNEL_NOT_FOUND');
    const grantPlan = await as(t.http().post('/api/sellers/grant-access'))
      .send({ telegramUserId: payer, planId: owner.plan.id })
      .expect(404);
    expect(grantPlan.body.error.code).toBe('PLAN_NOT_FOUND');
    const grantChats = await as(t.http().post('/api/sellers/grant-access'))
      .send({ telegramUserId: payer, chatIds: [owner.channels[0].chatId], days: 1 })
      .expect(422);
    expect(grantChats.body.error.code).toBe('CHANNEL_NOT_FOUND');
    await drainOutbox(t);
    expect(tg.calls('banChatMember')).toHaveLength(0);
  });

  it("counts only the seller's own members in the stats", async () => {
    const mine = await as(t.http().get('/api/sellers/stats')).expect(200);
    expect(mine.body.members).toEqual({ active: 0, total: 0 });
    const theirs = await asSeller(t.http().get('/api/sellers/stats'), owner.seller).expect(200);
    expect(theirs.body.members).toEqual({ active: 1, total: 1 });
  });
});
