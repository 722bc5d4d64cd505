import { TelegramFakeServer } from '@app/telegram-fake';
import { Injectable, Module } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { ChannelEvents, ChannelRightsLostEvent } from '../src/channels/channel.events';
import { BotMembershipChangedEvent, TelegramEvents } from '../src/telegram/telegram.events';
import { connectChannel, FULL_BOT_RIGHTS } from './factories/channel.factory';
import { asSeller, createSeller, TestSeller } from './factories/seller.factory';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';

/** Records every channel.rights_lost the app announces. */
@Injectable()
class RightsLostProbe {
  readonly events: ChannelRightsLostEvent[] = [];

  @OnEvent(ChannelEvents.RightsLost)
  onRightsLost(event: ChannelRightsLostEvent): void {
    this.events.push(event);
  }

  for(channelId: string): ChannelRightsLostEvent[] {
    return this.events.filter((e) => e.channelId === channelId);
  }
}

@Module({ providers: [RightsLostProbe] })
class RightsLostProbeModule {}

describe('The bot’s rights in connected channels', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;
  let probe: RightsLostProbe;
  let seller: TestSeller;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({ tg, mode: 'webhook', extraImports: [RightsLostProbeModule] });
    probe = t.app.get(RightsLostProbe);
    seller = await createSeller(t);
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  describe('rights lost and regained', () => {
    const getChannel = (id: string) =>
      asSeller(t.http().get(`/api/sellers/channels/${id}`), seller).expect(200);

    it('flags the channel when the BotMembershipChanged event says a right is gone', async () => {
      const channel = await connectChannel(t, seller, tg, t.botToken);
      const event: BotMembershipChangedEvent = {
        chatId: channel.chatId,
        status: 'administrator',
        canInviteUsers: true,
        canRestrictMembers: false,
        at: new Date(),
      };
      await t.app.get(EventEmitter2).emitAsync(TelegramEvents.BotMembershipChanged, event);
      const res = await getChannel(channel.id);
      expect(res.body).toMatchObject({
        rightsLost: true,
        missingRights: ['can_restrict_members'],
        botStatus: 'administrator',
      });
      expect(probe.for(channel.id)).toEqual([
        expect.objectContaining({
          sellerId: seller.id,
          chatId: channel.chatId,
          missingRights: ['can_restrict_members'],
        }),
      ]);
    });

    it('flags the channel when Telegram reports the bot demoted, and announces it once', async () => {
      const channel = await connectChannel(t, seller, tg, t.botToken);
      tg.demoteBot(channel.chatId, { bot: t.botToken });
      await tg.waitFor(() => probe.for(channel.id).length > 0);
      const res = await getChannel(channel.id);
      expect(res.body).toMatchObject({ rightsLost: true, botStatus: 'member' });

      // Being removed afterwards is the same loss: no second announcement.
      tg.removeBot(channel.chatId, { bot: t.botToken });
      await tg.waitFor(() =>
        tg
          .webhookDeliveries({ bot: t.botToken })
          .find(
            (d) => d.update.my_chat_member?.new_chat_member.status === 'left' && d.status === 200,
          ),
      );
      expect((await getChannel(channel.id)).body.botStatus).toBe('left');
      expect(probe.for(channel.id)).toHaveLength(1);
    });

    it('clears the flag when Telegram reports the rights restored, and announces a new loss', async () => {
      const channel = await connectChannel(t, seller, tg, t.botToken);
      tg.demoteBot(channel.chatId, { bot: t.botToken });
      await tg.waitFor(() => probe.for(channel.id).length === 1);
      tg.changeBotMembership(channel.chatId, FULL_BOT_RIGHTS, { bot: t.botToken });
      await tg.waitFor(() =>
        tg
          .webhookDeliveries({ bot: t.botToken })
          .find(
            (d) =>
              d.update.my_chat_member?.chat.id === channel.chatId &&
              d.update.my_chat_member.new_chat_member.status === 'administrator' &&
              d.status === 200,
          ),
      );
      expect((await getChannel(channel.id)).body).toMatchObject({
        rightsLost: false,
        missingRights: [],
      });
      tg.demoteBot(channel.chatId, { bot: t.botToken });
      await tg.waitFor(() => probe.for(channel.id).length === 2);
    });

    it('rechecks through Telegram on POST /:id/recheck', async () => {
      const channel = await connectChannel(t, seller, tg, t.botToken);
      tg.setBotRights(channel.chatId, t.botToken, {
        can_invite_users: false,
        can_restrict_members: true,
      });
      const lost = await asSeller(
        t.http().post(`/api/sellers/channels/${channel.id}/recheck`),
        seller,
      ).expect(200);
      expect(lost.body).toMatchObject({ rightsLost: true, missingRights: ['can_invite_users'] });
      await asSeller(t.http().post(`/api/sellers/channels/${channel.id}/recheck`), seller).expect(
        200,
      );
      expect(probe.for(channel.id)).toHaveLength(1);

      tg.setBotRights(channel.chatId, t.botToken, FULL_BOT_RIGHTS);
      const back = await asSeller(
        t.http().post(`/api/sellers/channels/${channel.id}/recheck`),
        seller,
      ).expect(200);
      expect(back.body).toMatchObject({ rightsLost: false, missingRights: [] });
    });

    it('reports a chat the bot was removed from as lost on recheck', async () => {
      const channel = await connectChannel(t, seller, tg, t.botToken);
      tg.setBotRights(channel.chatId, t.botToken, 'kicked');
      const res = await asSeller(
        t.http().post(`/api/sellers/channels/${channel.id}/recheck`),
        seller,
      ).expect(200);
      expect(res.body).toMatchObject({
        rightsLost: true,
        botStatus: 'kicked',
        missingRights: ['can_invite_users', 'can_restrict_members'],
      });
    });
  });
});

describe('Channels with the bot switched off', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({ tg, mode: 'off' });
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  it('answers 503 TELEGRAM_DISABLED and stores nothing', async () => {
    const seller = await createSeller(t);
    const res = await asSeller(t.http().post('/api/sellers/channels'), seller)
      .send({ chatId: -1001234567890 })
      .expect(503);
    expect(res.body.error.code).toBe('TELEGRAM_DISABLED');
    expect(await t.connection.collection('channels').countDocuments()).toBe(0);
  });
});
