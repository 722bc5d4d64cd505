import { TelegramFakeServer } from '@app/telegram-fake';
import { ExpiryService } from '../src/access/lifecycle/expiry.service';
import { PrivacyService } from '../src/privacy/privacy.service';
import {
  drainOutbox,
  eventually,
  grant,
  linkButtons,
  paymentGrant,
  sellerWithPlan,
  startedUser,
} from './factories/membership.factory';
import { asSeller } from './factories/seller.factory';
import { DAY, FakeClock, HOUR } from './support/fake-clock';
import { SmtpSink } from './support/smtp-sink';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';

describe('Privacy: erasure of ended members', () => {
  let tg: TelegramFakeServer;
  let smtp: SmtpSink;
  let t: TelegramTestApp;
  let privacy: PrivacyService;
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    smtp = await SmtpSink.start();
    t = await createTelegramTestApp({
      tg,
      mode: 'webhook',
      clock,
      env: {
        SMTP_URL: smtp.url,
        RETENTION_DAYS: '0',
        TELEGRAM_RATE_PRIVATE_CHAT_PER_SECOND: '30',
      },
    });
    privacy = t.app.get(PrivacyService);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await tg.stop();
  });

  /** Every stored document of every collection, as JSON text. */
  async function everything(): Promise<Array<{ collection: string; text: string }>> {
    const found: Array<{ collection: string; text: string }> = [];
    for (const { name } of await t.connection.db!.listCollections().toArray()) {
      for (const doc of await t.connection.collection(name).find().toArray()) {
        found.push({ collection: name, text: JSON.stringify(doc) });
      }
    }
    return found;
  }

  /** Documents naming any of these: a Telegram id only as a whole number, not inside another. */
  async function leaksOf(needles: Array<string | number>) {
    const patterns = needles.map((n) =>
      typeof n === 'number' ? new RegExp(`(?<![0-9])${n}(?![0-9])`) : new RegExp(escape(n)),
    );
    return (await everything()).filter((d) => patterns.some((p) => p.test(d.text)));
  }

  async function paidMember(customer: { email: string; name: string; phone: string }) {
    const setup = await sellerWithPlan(t, { channelCount: 2 });
    const payer = startedUser(t);
    const outcome = await grant(t, paymentGrant(setup, payer, { durationMinutes: 60, customer }));
    await drainOutbox(t);
    for (const url of linkButtons(tg, payer)) {
      tg.openInviteLink(payer, url);
    }
    await eventually(
      async () =>
        (await t.connection
          .collection('member_presence')
          .countDocuments({ membershipId: outcome.membership!.id })) === 2,
      'both joins recorded',
    );
    return { setup, payer, membershipId: outcome.membership!.id };
  }

  it('leaves no personal data of an expired member once the daily job ran, but keeps the financial skeleton', async () => {
    const customer = {
      email: `ann.${Date.now()}@example.com`,
      name: 'Ann Privacy-Test',
      phone: '+44 20 7946 0001',
    };
    const { payer, membershipId, setup } = await paidMember(customer);
    const [mail] = smtp.to(customer.email);
    expect(smtp.to(customer.email)).toHaveLength(1);
    expect(mail.subject).toBe('Your access is ready');
    for (const url of linkButtons(tg, payer)) {
      expect(mail.text).toContain(url);
    }
    const username = tg.core.users.get(payer)!.username!;
    const needles = [customer.email, customer.name, customer.phone, payer, username];
    expect((await leaksOf(needles)).map((d) => d.collection)).toEqual(
      expect.arrayContaining(['memberships', 'grants', 'access_links', 'email_messages']),
    );

    clock.advance(2 * HOUR);
    await t.app.get(ExpiryService).sweep();
    expect((await privacy.runDaily()).waiting).toBe(1); // still being removed from the chats
    await drainOutbox(t);
    expect(await privacy.runDaily()).toMatchObject({ erased: 1, waiting: 0 });

    expect(await leaksOf(needles)).toEqual([]);
    const membership = await t.connection
      .collection('memberships')
      .findOne({ _id: new (await import('mongoose')).Types.ObjectId(membershipId) });
    expect(membership).toMatchObject({
      sellerId: setup.seller.id,
      planId: setup.plan.id,
      status: 'expired',
      customer: {},
    });
    expect(membership!.personalDataErasedAt).toBeInstanceOf(Date);
    const periods = await t.connection
      .collection('membership_periods')
      .countDocuments({ membershipId });
    expect(periods).toBe(1);

    const again = await privacy.runDaily();
    expect(again.erased).toBe(0);
  });

  it('keeps the data of an ended member for RETENTION_DAYS when configured', async () => {
    const tg2 = await TelegramFakeServer.start();
    const clock2 = new FakeClock(new Date());
    const t2 = await createTelegramTestApp({
      tg: tg2,
      mode: 'webhook',
      clock: clock2,
      env: { RETENTION_DAYS: '7' },
    });
    try {
      const setup = await sellerWithPlan(t2);
      const payer = startedUser(t2);
      await grant(t2, paymentGrant(setup, payer, { durationMinutes: 60 }));
      clock2.advance(2 * HOUR);
      await t2.app.get(ExpiryService).sweep();
      await drainOutbox(t2);
      const service = t2.app.get(PrivacyService);
      expect((await service.runDaily()).erased).toBe(0);
      clock2.advance(7 * DAY);
      expect((await service.runDaily()).erased).toBe(1);
    } finally {
      await t2.close();
      await tg2.stop();
    }
  });

  it('erases one member on the seller’s request, removing them from the channels first', async () => {
    const customer = {
      email: `bob.${Date.now()}@example.com`,
      name: 'Bob Erase',
      phone: '+1 555 0100',
    };
    const { payer, membershipId, setup } = await paidMember(customer);

    const first = await asSeller(
      t.http().delete(`/api/sellers/members/${membershipId}`),
      setup.seller,
    ).expect(200);
    expect(first.body).toEqual({ status: 'scheduled' });
    await drainOutbox(t);
    for (const channel of setup.channels) {
      expect(tg.chatMember(channel.chatId, payer).status).toBe('left');
    }
    expect(await privacy.runRequested()).toEqual({ erased: 1, waiting: 0 });

    expect(await leaksOf([customer.email, customer.name, customer.phone, payer])).toEqual([]);
    await asSeller(t.http().delete(`/api/sellers/members/${membershipId}`), setup.seller).expect(
      404,
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
