import { TelegramFakeServer } from '@app/telegram-fake';
import { PlansService } from '../src/plans/plans.service';
import { connectChannel } from './factories/channel.factory';
import { createPlan, planBody } from './factories/plan.factory';
import { asSeller, createSeller, TestSeller } from './factories/seller.factory';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';

describe('Plans', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let seller: TestSeller;
  let channelId: string;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({ tg, mode: 'webhook' });
    seller = await createSeller(t);
    channelId = (await connectChannel(t, seller, tg, t.botToken)).id;
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  const post = (body: object) => asSeller(t.http().post('/api/sellers/plans'), seller).send(body);
  const patch = (id: string, body: object) =>
    asSeller(t.http().patch(`/api/sellers/plans/${id}`), seller).send(body);
  const planCount = () => t.connection.collection('plans').countDocuments();

  describe('creating', () => {
    it('creates a plan with sensible defaults', async () => {
      const res = await post(planBody([channelId], { name: 'Monthly' })).expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        name: 'Monthly',
        description: null,
        priceMinor: 1999,
        currency: 'USD',
        durationDays: 30,
        durationMinutes: null,
        channelIds: [channelId],
        trialDays: 0,
        billing: 'one_off',
        accessMode: 'invite_link',
        active: true,
        archived: false,
        onSale: true,
        limits: { newCustomersOnly: false, maxMembers: null },
        starSubscription: false,
        starSubscriptionLink: null,
        archivedAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const stored = await t.connection.collection('plans').findOne({ name: 'Monthly' });
      expect(stored).toMatchObject({ sellerId: seller.id, priceMinor: 1999 });
    });

    it('stores every field given', async () => {
      const res = await post(
        planBody([channelId], {
          description: 'Signals',
          currency: 'eur',
          priceMinor: 0,
          trialDays: 7,
          billing: 'recurring',
          accessMode: 'join_request',
          active: false,
          limits: { newCustomersOnly: true, maxMembers: 100 },
        }),
      ).expect(201);
      expect(res.body).toMatchObject({
        description: 'Signals',
        currency: 'EUR',
        priceMinor: 0,
        trialDays: 7,
        billing: 'recurring',
        accessMode: 'join_request',
        active: false,
        onSale: false,
        limits: { newCustomersOnly: true, maxMembers: 100 },
      });
    });

    it('accepts a test plan measured in minutes', async () => {
      const res = await post(
        planBody([channelId], { durationDays: undefined, durationMinutes: 5 }),
      ).expect(201);
      expect(res.body).toMatchObject({ durationDays: null, durationMinutes: 5 });
    });

    it('takes Telegram Stars as whole Stars, and Stars subscriptions only monthly', async () => {
      await post(planBody([channelId], { currency: 'XTR', priceMinor: 250 })).expect(201);
      const zero = await post(planBody([channelId], { currency: 'XTR', priceMinor: 0 })).expect(
        422,
      );
      expect(zero.body.error.code).toBe('INVALID_STARS_PRICE');
      const weekly = await post(
        planBody([channelId], {
          currency: 'XTR',
          priceMinor: 50,
          billing: 'recurring',
          durationDays: 7,
        }),
      ).expect(422);
      expect(weekly.body.error.code).toBe('STARS_SUBSCRIPTION_PERIOD');
      await post(
        planBody([channelId], { currency: 'XTR', priceMinor: 50, billing: 'recurring' }),
      ).expect(201);
    });

    it.each([
      ['an unsupported currency', { currency: 'ABC' }],
      ['a fractional price', { priceMinor: 9.99 }],
      ['a negative price', { priceMinor: -1 }],
      ['a price given as text', { priceMinor: '100' }],
      ['a price over Stripe’s maximum', { priceMinor: 100_000_000 }],
      ['both durations', { durationMinutes: 10 }],
      ['no duration', { durationDays: undefined }],
      ['a zero-day duration', { durationDays: 0 }],
      ['over ten years', { durationDays: 3651 }],
      ['over a day in minutes', { durationDays: undefined, durationMinutes: 1441 }],
      ['a trial over a year', { trialDays: 366 }],
      ['an unknown billing', { billing: 'weekly' }],
      ['an unknown access mode', { accessMode: 'magic' }],
      ['no channels', { channelIds: [] }],
      ['a malformed channel id', { channelIds: ['nope'] }],
      ['a zero member cap', { limits: { maxMembers: 0 } }],
      ['an unknown limit', { limits: { vip: true } }],
    ])('refuses %s with 400 and stores nothing', async (_label, overrides) => {
      const before = await planCount();
      const res = await post(planBody([channelId], overrides)).expect(400);
      expect(['VALIDATION_FAILED', 'UNKNOWN_FIELD']).toContain(res.body.error.code);
      expect(await planCount()).toBe(before);
    });

    it('refuses another seller’s channel with 422 CHANNEL_NOT_FOUND naming it', async () => {
      const other = await createSeller(t);
      const foreign = await connectChannel(t, other, tg, t.botToken);
      const before = await planCount();
      const res = await post(planBody([channelId, foreign.id])).expect(422);
      expect(res.body.error).toMatchObject({
        code: 'CHANNEL_NOT_FOUND',
        details: { channelIds: [foreign.id] },
      });
      expect(await planCount()).toBe(before);
    });

    it('refuses a deleted channel', async () => {
      const gone = await connectChannel(t, seller, tg, t.botToken);
      await asSeller(t.http().delete(`/api/sellers/channels/${gone.id}`), seller).expect(204);
      const res = await post(planBody([gone.id])).expect(422);
      expect(res.body.error.code).toBe('CHANNEL_NOT_FOUND');
    });
  });

  describe('reading', () => {
    it('lists plans without archived ones unless asked, and shows one', async () => {
      const own = await createSeller(t);
      const channel = await connectChannel(t, own, tg, t.botToken);
      const kept = await createPlan(t, own, [channel.id]);
      const archived = await createPlan(t, own, [channel.id]);
      await asSeller(t.http().post(`/api/sellers/plans/${archived.id}/archive`), own).expect(200);

      const list = await asSeller(t.http().get('/api/sellers/plans'), own).expect(200);
      expect(list.body.map((p: { id: string }) => p.id)).toEqual([kept.id]);
      const all = await asSeller(t.http().get('/api/sellers/plans?includeArchived=true'), own);
      expect(all.body.map((p: { id: string }) => p.id)).toEqual([kept.id, archived.id]);
      const one = await asSeller(t.http().get(`/api/sellers/plans/${kept.id}`), own).expect(200);
      expect(one.body).toEqual(kept);
      const bad = await asSeller(t.http().get('/api/sellers/plans?includeArchived=yes'), own);
      expect(bad.status).toBe(400);
    });

    it('answers 404 PLAN_NOT_FOUND for an unknown id', async () => {
      const res = await asSeller(
        t.http().get('/api/sellers/plans/665f1c2e8b3e4a0012345678'),
        seller,
      ).expect(404);
      expect(res.body.error.code).toBe('PLAN_NOT_FOUND');
    });
  });

  describe('updating', () => {
    it('changes given fields only and keeps money in minor units', async () => {
      const plan = await createPlan(t, seller, [channelId], { description: 'Old' });
      const res = await patch(plan.id, { priceMinor: 2500, name: 'Renamed' }).expect(200);
      expect(res.body).toMatchObject({
        name: 'Renamed',
        priceMinor: 2500,
        description: 'Old',
        currency: 'USD',
        durationDays: 30,
      });
    });

    it('switches the duration unit: setting one duration clears the other', async () => {
      const plan = await createPlan(t, seller, [channelId]);
      const minutes = await patch(plan.id, { durationMinutes: 15 }).expect(200);
      expect(minutes.body).toMatchObject({ durationDays: null, durationMinutes: 15 });
      const days = await patch(plan.id, { durationDays: 90 }).expect(200);
      expect(days.body).toMatchObject({ durationDays: 90, durationMinutes: null });
      const both = await patch(plan.id, { durationDays: 1, durationMinutes: 1 }).expect(400);
      expect(both.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('checks cross-field rules on the merged plan', async () => {
      const plan = await createPlan(t, seller, [channelId], { priceMinor: 0 });
      const res = await patch(plan.id, { currency: 'XTR' }).expect(422);
      expect(res.body.error.code).toBe('INVALID_STARS_PRICE');
      expect(
        (await asSeller(t.http().get(`/api/sellers/plans/${plan.id}`), seller)).body.currency,
      ).toBe('USD');
    });

    it('clears the member cap and the description with null', async () => {
      const plan = await createPlan(t, seller, [channelId], {
        description: 'x',
        limits: { maxMembers: 5, newCustomersOnly: true },
      });
      const res = await patch(plan.id, { description: null, limits: { maxMembers: null } }).expect(
        200,
      );
      expect(res.body).toMatchObject({
        description: null,
        limits: { maxMembers: null, newCustomersOnly: true },
      });
    });

    it('refuses another seller’s channel on update', async () => {
      const other = await createSeller(t);
      const foreign = await connectChannel(t, other, tg, t.botToken);
      const plan = await createPlan(t, seller, [channelId]);
      const res = await patch(plan.id, { channelIds: [foreign.id] }).expect(422);
      expect(res.body.error.code).toBe('CHANNEL_NOT_FOUND');
    });
  });

  describe('archiving', () => {
    it('takes a plan off sale for good but keeps it readable', async () => {
      const plan = await createPlan(t, seller, [channelId]);
      const res = await asSeller(
        t.http().post(`/api/sellers/plans/${plan.id}/archive`),
        seller,
      ).expect(200);
      expect(res.body).toMatchObject({ archived: true, active: false, onSale: false });
      expect(res.body.archivedAt).toEqual(expect.any(String));
      const again = await asSeller(t.http().post(`/api/sellers/plans/${plan.id}/archive`), seller);
      expect(again.body.archivedAt).toBe(res.body.archivedAt);
      const locked = await patch(plan.id, { active: true }).expect(409);
      expect(locked.body.error.code).toBe('PLAN_ARCHIVED');
      await asSeller(t.http().get(`/api/sellers/plans/${plan.id}`), seller).expect(200);
    });
  });

  describe('archiving while edits race it', () => {
    it('stays archived when PATCHes run at the same moment', async () => {
      const plan = await createPlan(t, seller, [channelId]);
      const answers = await Promise.all([
        patch(plan.id, { active: true, priceMinor: 1 }),
        asSeller(t.http().post(`/api/sellers/plans/${plan.id}/archive`), seller),
        patch(plan.id, { active: true, priceMinor: 2 }),
      ]);
      expect(answers[1].status).toBe(200);
      for (const edit of [answers[0], answers[2]]) {
        expect([200, 409]).toContain(edit.status);
      }
      const after = await asSeller(t.http().get(`/api/sellers/plans/${plan.id}`), seller);
      expect(after.body).toMatchObject({ archived: true, onSale: false, active: false });
      await expect(t.app.get(PlansService).findOnSale(plan.id)).resolves.toBeUndefined();
    });
  });

  describe('for the purchase flow', () => {
    it('finds a plan on sale by id alone, and not an inactive or archived one', async () => {
      const plans = t.app.get(PlansService);
      const onSale = await createPlan(t, seller, [channelId]);
      const inactive = await createPlan(t, seller, [channelId], { active: false });
      const archived = await createPlan(t, seller, [channelId]);
      await asSeller(t.http().post(`/api/sellers/plans/${archived.id}/archive`), seller).expect(
        200,
      );
      await expect(plans.findOnSale(onSale.id)).resolves.toMatchObject({
        id: onSale.id,
        sellerId: seller.id,
      });
      await expect(plans.findOnSale(inactive.id)).resolves.toBeUndefined();
      await expect(plans.findOnSale(archived.id)).resolves.toBeUndefined();
      await expect(plans.findOnSale('garbage')).resolves.toBeUndefined();
    });
  });
});
