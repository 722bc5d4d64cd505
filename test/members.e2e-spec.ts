import { TelegramFakeServer } from '@app/telegram-fake';
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
  whileDraining,
} from './factories/membership.factory';
import { asSeller, createApiKey } from './factories/seller.factory';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';

describe('Seller members API', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let setup: SellerSetup;
  let other: SellerSetup;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({
      tg,
      mode: 'webhook',
      env: { TELEGRAM_RATE_PRIVATE_CHAT_PER_SECOND: '30' },
    });
    setup = await sellerWithPlan(t, { channelCount: 2 });
    other = await sellerWithPlan(t);
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  const get = (path: string, seller = setup.seller) => asSeller(t.http().get(path), seller);
  const post = (path: string, body: object, seller = setup.seller) =>
    asSeller(t.http().post(path), seller).send(body);

  it('lists members with channel and status filters and pagination', async () => {
    const secondPlan = await (
      await import('./factories/plan.factory')
    ).createPlan(t, setup.seller, [setup.channels[1].channelId]);
    const users = [startedUser(t), startedUser(t), startedUser(t)];
    await grant(t, paymentGrant(setup, users[0]));
    await grant(t, paymentGrant(setup, users[1]));
    await grant(
      t,
      paymentGrant({ ...setup, plan: secondPlan, channels: [setup.channels[1]] }, users[2]),
    );
    await grant(t, paymentGrant(other, startedUser(t)));

    const all = await get('/api/sellers/members?limit=2').expect(200);
    expect(all.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(all.body.items).toHaveLength(2);
    const rest = await get('/api/sellers/members?limit=2&offset=2').expect(200);
    expect(rest.body.items).toHaveLength(1);
    const ids = [...all.body.items, ...rest.body.items].map(
      (m: { telegramUserId: number }) => m.telegramUserId,
    );
    expect(ids.sort()).toEqual([...users].sort());

    const first = await get(`/api/sellers/members?channelId=${setup.channels[0].channelId}`).expect(
      200,
    );
    expect(first.body.total).toBe(2);
    const active = await get('/api/sellers/members?status=active').expect(200);
    expect(active.body.total).toBe(3);
    const expired = await get('/api/sellers/members?status=expired').expect(200);
    expect(expired.body.total).toBe(0);
    await get('/api/sellers/members?status=nope').expect(400);
    await get('/api/sellers/members?limit=1000').expect(400);
  });

  it('exports members as CSV, streamed, with proper escaping and no formula injection', async () => {
    const payer = startedUser(t);
    await grant(
      t,
      paymentGrant(setup, payer, {
        customer: { name: '=HYPERLINK("http://evil"), "Ann"', email: 'ann@example.com' },
      }),
    );
    const key = await createApiKey(t, setup.seller, ['read']);
    const res = await t
      .http()
      .get('/api/sellers/members/export')
      .set('X-API-Key', key.key)
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString('utf8')));
        r.on('end', () => done(null, text));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('members.csv');
    const lines = (res.body as string).split('\r\n').filter((l) => l.length > 0);
    expect(lines[0]).toBe(
      'id,plan_id,telegram_user_id,external_user_id,status,expires_at,grace_ends_at,chat_ids,channel_titles,email,name,phone,created_at,ended_at',
    );
    const row = lines.find((l) => l.includes(String(payer)))!;
    expect(row).toContain(`"'=HYPERLINK(""http://evil""), ""Ann"""`);
    expect(row).toContain('ann@example.com');
    expect(lines.some((l) => l.includes(other.seller.id))).toBe(false);
  });

  it('grants access to a Telegram user and answers with the invite links', async () => {
    const user = startedUser(t);
    const res = await whileDraining(
      t,
      post('/api/sellers/grant-access', { telegramUserId: user, planId: setup.plan.id }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'delivered',
      grantId: expect.stringMatching(/^manual:/),
    });
    expect(res.body.links).toHaveLength(2);
    const urls = res.body.links.map((l: { inviteLink: string }) => l.inviteLink);
    await drainOutbox(t);
    expect(linkButtons(tg, user).sort()).toEqual([...urls].sort());

    const byChats = await whileDraining(
      t,
      post('/api/sellers/grant-access', {
        telegramUserId: startedUser(t),
        chatIds: [setup.channels[1].chatId],
        days: 7,
      }),
    );
    expect(byChats.body).toMatchObject({ status: 'delivered' });
    expect(byChats.status).toBe(201);
    expect(byChats.body.links).toEqual([
      expect.objectContaining({ chatId: setup.channels[1].chatId, status: 'issued' }),
    ]);
    const expires = new Date(byChats.body.expiresAt).getTime();
    expect(Math.abs(expires - Date.now() - 7 * DAY_MINUTES * 60_000)).toBeLessThan(60_000);
  });

  it('answers 202 with the job ids when the links are not ready in time', async () => {
    const res = await post('/api/sellers/grant-access', {
      telegramUserId: startedUser(t),
      planId: setup.plan.id,
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'queued' });
    expect(res.body.jobIds).toHaveLength(2);
    await drainOutbox(t);
  });

  it('grants access to a customer known by an external id through a claim link', async () => {
    const res = await post('/api/sellers/grant-access', {
      externalUserId: 'crm-4711',
      planId: setup.plan.id,
    }).expect(201);
    expect(res.body).toMatchObject({ status: 'claim_pending', links: [] });
    const claimUrl = res.body.claimUrl as string;
    const token = /start=claim_(.+)$/.exec(claimUrl)![1];

    const customer = startedUser(t);
    tg.startBot(customer, { bot: t.botToken, payload: `claim_${token}` });
    await tg.waitForMessage({ chatId: customer, text: /now linked/ });
    await eventually(async () => {
      await drainOutbox(t);
      return linkButtons(tg, customer).length === 2;
    }, 'links after the claim');
    const list = await get('/api/sellers/members?limit=200').expect(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ telegramUserId: customer, externalUserId: 'crm-4711' }),
    );

    const intruder = startedUser(t);
    tg.startBot(intruder, { bot: t.botToken, payload: `claim_${token}` });
    await tg.waitForMessage({ chatId: intruder, text: /already linked to another/ });
  });

  it('refuses invalid grant-access bodies with stable codes', async () => {
    await post('/api/sellers/grant-access', { planId: setup.plan.id }).expect(400);
    await post('/api/sellers/grant-access', {
      telegramUserId: 1,
      externalUserId: 'x',
      planId: setup.plan.id,
    }).expect(400);
    await post('/api/sellers/grant-access', {
      telegramUserId: 1,
      chatIds: [setup.channels[0].chatId],
    }).expect(400);
    const foreign = await post('/api/sellers/grant-access', {
      telegramUserId: 1,
      chatIds: [other.channels[0].chatId],
      days: 3,
    }).expect(422);
    expect(foreign.body.error.code).toBe('CHANNEL_NOT_FOUND');
    const plan = await post('/api/sellers/grant-access', {
      telegramUserId: 1,
      planId: other.plan.id,
    }).expect(404);
    expect(plan.body.error.code).toBe('PLAN_NOT_FOUND');
  });

  it('force-removes a member from every channel of the plan, and a non-member from given chats', async () => {
    const payer = startedUser(t);
    const { membership } = await grant(t, paymentGrant(setup, payer));
    await drainOutbox(t);
    for (const url of linkButtons(tg, payer)) {
      tg.openInviteLink(payer, url);
    }
    await eventually(
      () => setup.channels.every((c) => tg.chatMember(c.chatId, payer).status === 'member'),
      'joined',
    );
    const res = await post('/api/sellers/force-remove', {
      telegramUserId: payer,
      planId: setup.plan.id,
    }).expect(200);
    expect(res.body.revokedMembershipIds).toEqual([membership!.id]);
    expect(res.body.removals).toHaveLength(2);
    await drainOutbox(t);
    for (const channel of setup.channels) {
      expect(tg.chatMember(channel.chatId, payer).status).toBe('left');
    }

    const walkIn = startedUser(t);
    tg.addMember(setup.channels[0].chatId, walkIn);
    const byChat = await post('/api/sellers/force-remove', {
      telegramUserId: walkIn,
      chatIds: [setup.channels[0].chatId],
    }).expect(200);
    expect(byChat.body).toMatchObject({
      revokedMembershipIds: [],
      removals: [{ chatId: setup.channels[0].chatId }],
    });
    await drainOutbox(t);
    expect(tg.chatMember(setup.channels[0].chatId, walkIn).status).toBe('left');

    await post('/api/sellers/force-remove', {
      telegramUserId: payer,
      planId: other.plan.id,
    }).expect(404);
  });

  it('reports channels, members and the last 30 days in the stats', async () => {
    const res = await get('/api/sellers/stats').expect(200);
    expect(res.body.channels).toBe(2);
    expect(res.body.members.total).toBeGreaterThanOrEqual(6);
    expect(res.body.members.active).toBeLessThan(res.body.members.total);
    expect(res.body.last30Days).toHaveLength(30);
    const today = new Date().toISOString().slice(0, 10);
    expect(res.body.last30Days[29]).toMatchObject({ day: today });
    expect(res.body.last30Days[29].newMembers).toBe(res.body.members.total);
    expect(Array.isArray(res.body.revenue)).toBe(true);
    const channels = await get('/api/sellers/channels').expect(200);
    const counted = channels.body.map((c: { activeMembers: number }) => c.activeMembers);
    expect(counted.every((n: number) => n > 0)).toBe(true);
  });

  it('documents every members endpoint with its auth and error answers', async () => {
    const doc = await t.http().get('/docs-json').expect(200);
    for (const [path, method] of [
      ['/api/sellers/members', 'get'],
      ['/api/sellers/members/export', 'get'],
      ['/api/sellers/members/{id}', 'delete'],
      ['/api/sellers/grant-access', 'post'],
      ['/api/sellers/force-remove', 'post'],
      ['/api/sellers/stats', 'get'],
    ]) {
      const op = doc.body.paths[path][method];
      expect(op.security).toEqual(expect.arrayContaining([{ jwt: [] }, { 'api-key': [] }]));
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
  });
});
