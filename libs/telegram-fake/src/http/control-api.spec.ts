import { TelegramFakeServer } from '../telegram-fake.server';
import { callBotApi } from '../testing/call-api';

/** The /_fake endpoints give the standalone server the same drivers as the TS API. */
describe('/_fake control API', () => {
  let tg: TelegramFakeServer;

  beforeEach(async () => {
    tg = await TelegramFakeServer.start();
  });

  afterEach(() => tg.stop());

  async function control<T>(
    action: string,
    body?: Record<string, unknown>,
  ): Promise<{ status: number; ok: boolean; result: T; error?: string }> {
    const response = await fetch(
      `${tg.url}/_fake/${action}`,
      body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
    );
    const json = (await response.json()) as { ok: boolean; result: T; error?: string };
    return { status: response.status, ...json };
  }

  it('seeds a bot, a user and a chat, then drives a join through an invite link', async () => {
    const bot = (
      await control<{ token: string; id: number }>('createBot', { username: 'shop_bot' })
    ).result;
    const user = (await control<{ id: number }>('createUser', { first_name: 'Ann' })).result;
    const chat = (await control<{ id: number }>('createChat', { type: 'supergroup', title: 'VIP' }))
      .result;
    await control('setBotRights', {
      chatId: chat.id,
      bot: bot.token,
      rights: { can_invite_users: true },
    });

    const link = await callBotApi<{ invite_link: string }>(
      tg.url,
      bot.token,
      'createChatInviteLink',
      { chat_id: chat.id },
    );
    const joined = await control<{ outcome: string }>('openInviteLink', {
      userId: user.id,
      link: link.body.result?.invite_link,
    });

    expect(joined).toMatchObject({
      status: 200,
      ok: true,
      result: { ok: true, outcome: 'joined' },
    });
    const member = await control<{ status: string }>(
      `chatMember?chatId=${chat.id}&userId=${user.id}`,
    );
    expect(member.result.status).toBe('member');
    const calls = await control<Array<{ method: string }>>('calls?method=createChatInviteLink');
    expect(calls.result).toHaveLength(1);
  });

  it('reports driver mistakes as 400 and unknown actions as 404', async () => {
    expect(await control('startBot', { userId: 1 })).toMatchObject({ status: 400, ok: false });
    expect(await control('nope', {})).toMatchObject({ status: 404, ok: false });
  });

  it('injects faults and resets', async () => {
    const bot = (await control<{ token: string }>('createBot', {})).result;
    const fault = await control<{ id: string }>('injectFault', {
      method: 'getMe',
      error: { code: 500 },
    });
    expect((await callBotApi(tg.url, bot.token, 'getMe')).status).toBe(500);
    await control('clearFault', { id: fault.result.id });
    expect((await callBotApi(tg.url, bot.token, 'getMe')).status).toBe(200);
    await control('reset', {});
    expect((await control<unknown[]>('calls')).result).toEqual([]);
    expect((await callBotApi(tg.url, bot.token, 'getMe')).status).toBe(200);
  });
});
