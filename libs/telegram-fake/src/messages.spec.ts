import { TelegramFakeServer } from './telegram-fake.server';
import { callBotApi, okResult } from './testing/call-api';
import type { Message, MessageId, Update } from './types';

describe('messages, editing and callbacks', () => {
  let tg: TelegramFakeServer;
  let token: string;
  let userId: number;
  const api = (method: string, params: Record<string, unknown>) =>
    callBotApi(tg.url, token, method, params);
  const ok = <T>(method: string, params: Record<string, unknown>) =>
    okResult<T>(tg.url, token, method, params);

  beforeEach(async () => {
    tg = await TelegramFakeServer.start();
    token = tg.createBot().token;
    userId = tg.createUser().id;
    tg.startBot(userId);
  });

  afterEach(() => tg.stop());

  it('message ids increase per chat', async () => {
    const other = tg.createUser().id;
    tg.startBot(other);
    const a = await ok<Message>('sendMessage', { chat_id: userId, text: 'a' });
    const b = await ok<Message>('sendMessage', { chat_id: userId, text: 'b' });
    const c = await ok<Message>('sendMessage', { chat_id: other, text: 'c' });
    // /start was message 1 in each private chat.
    expect([a.message_id, b.message_id, c.message_id]).toEqual([2, 3, 2]);
  });

  it('accepts GET with a query string and urlencoded bodies', async () => {
    const get = await fetch(`${tg.url}/bot${token}/sendMessage?chat_id=${userId}&text=via%20get`);
    expect(((await get.json()) as { result: Message }).result.text).toBe('via get');
    const form = await fetch(`${tg.url}/bot${token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        chat_id: String(userId),
        text: 'via form',
        reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] }),
      }),
    });
    expect(((await form.json()) as { result: Message }).result).toMatchObject({
      text: 'via form',
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] },
    });
  });

  it('validates text and inline keyboards like Telegram', async () => {
    expect((await api('sendMessage', { chat_id: userId, text: '' })).body).toMatchObject({
      description: 'Bad Request: message text is empty',
    });
    expect(
      (await api('sendMessage', { chat_id: userId, text: 'x'.repeat(4097) })).body,
    ).toMatchObject({ description: 'Bad Request: message is too long' });
    expect(
      (
        await api('sendMessage', {
          chat_id: userId,
          text: 'x',
          reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'x'.repeat(65) }]] },
        })
      ).body,
    ).toMatchObject({
      description: 'Bad Request: BUTTON_DATA_INVALID',
    });
    expect((await api('sendMessage', { text: 'x' })).body).toMatchObject({
      description: 'Bad Request: chat_id is empty',
    });
    expect(
      (
        await api('sendMessage', {
          chat_id: userId,
          text: 'Price: 5.00!',
          parse_mode: 'MarkdownV2',
        })
      ).body,
    ).toMatchObject({
      description:
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    });
  });

  it('editMessageText edits, refuses no-op edits, and drops the keyboard when reply_markup is omitted', async () => {
    const keyboard = { inline_keyboard: [[{ text: 'Pay', callback_data: 'pay' }]] };
    const sent = await ok<Message>('sendMessage', {
      chat_id: userId,
      text: 'v1',
      reply_markup: keyboard,
    });

    const same = await api('editMessageText', {
      chat_id: userId,
      message_id: sent.message_id,
      text: 'v1',
      reply_markup: keyboard,
    });
    expect(same.body).toMatchObject({
      description: expect.stringContaining('Bad Request: message is not modified'),
    });

    const edited = await ok<Message>('editMessageText', {
      chat_id: userId,
      message_id: sent.message_id,
      text: 'v2',
    });
    expect(edited).toMatchObject({
      message_id: sent.message_id,
      text: 'v2',
      edit_date: expect.any(Number),
    });
    expect(edited.reply_markup).toBeUndefined();
    expect(tg.messagesTo(userId).at(-1)?.text).toBe('v2');

    expect(
      (await api('editMessageText', { chat_id: userId, message_id: 999, text: 'x' })).body,
    ).toMatchObject({
      description: 'Bad Request: message to edit not found',
    });
    expect(
      (await api('editMessageText', { chat_id: userId, message_id: 1, text: 'x' })).body,
    ).toMatchObject({
      description: "Bad Request: message can't be edited",
    });
  });

  it('editMessageReplyMarkup replaces or removes the keyboard', async () => {
    const sent = await ok<Message>('sendMessage', {
      chat_id: userId,
      text: 'pick',
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] },
    });
    const edited = await ok<Message>('editMessageReplyMarkup', {
      chat_id: userId,
      message_id: sent.message_id,
      reply_markup: { inline_keyboard: [[{ text: 'B', callback_data: 'b' }]] },
    });
    expect(edited.reply_markup?.inline_keyboard[0][0].text).toBe('B');
    const removed = await ok<Message>('editMessageReplyMarkup', {
      chat_id: userId,
      message_id: sent.message_id,
    });
    expect(removed.reply_markup).toBeUndefined();
  });

  it('callback queries reference the message and can be answered once', async () => {
    const sent = await ok<Message>('sendMessage', {
      chat_id: userId,
      text: 'pick',
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'choice:a' }]] },
    });
    const query = tg.pressButton(userId, { messageId: sent.message_id, data: 'choice:a' });
    const updates = await ok<Update[]>('getUpdates', {});
    expect(updates.at(-1)?.callback_query).toMatchObject({
      id: query.id,
      data: 'choice:a',
      from: { id: userId },
      message: { message_id: sent.message_id },
      chat_instance: expect.any(String),
    });

    expect(
      (await api('answerCallbackQuery', { callback_query_id: query.id, text: 'Done' })).body,
    ).toEqual({ ok: true, result: true });
    expect((await api('answerCallbackQuery', { callback_query_id: query.id })).body).toMatchObject({
      description:
        'Bad Request: query is too old and response timeout expired or query ID is invalid',
    });
    expect(tg.callbackAnswer(query.id)).toEqual({ text: 'Done' });
    expect(() => tg.pressButton(userId, { messageId: sent.message_id, data: 'nope' })).toThrow(
      /no callback button/,
    );
  });

  it('copyMessage returns a MessageId; forwardMessage returns a Message with forward_origin', async () => {
    const group = tg.createChat({ type: 'supergroup' }).id;
    tg.setBotRights(group, token, {});
    const incoming = tg.sendMessage(userId, 'proof of payment');

    const copy = await ok<MessageId>('copyMessage', {
      chat_id: group,
      from_chat_id: userId,
      message_id: incoming.message_id,
    });
    expect(Object.keys(copy)).toEqual(['message_id']);
    const forwarded = await ok<Message>('forwardMessage', {
      chat_id: group,
      from_chat_id: userId,
      message_id: incoming.message_id,
    });
    expect(forwarded).toMatchObject({
      text: 'proof of payment',
      forward_origin: { type: 'user', sender_user: { id: userId } },
    });
    expect(tg.messagesTo(group).map((m) => m.text)).toEqual([
      'proof of payment',
      'proof of payment',
    ]);
    expect(
      (await api('copyMessage', { chat_id: group, from_chat_id: userId, message_id: 999 })).body,
    ).toMatchObject({
      description: 'Bad Request: message to copy not found',
    });
  });

  it('setMyCommands stores commands per scope', async () => {
    await ok('setMyCommands', {
      commands: [
        { command: 'start', description: 'Start' },
        { command: 'plans', description: 'See plans' },
      ],
    });
    expect(tg.botCommands().map((c) => c.command)).toEqual(['start', 'plans']);
    expect(await ok('getMyCommands', {})).toHaveLength(2);
    expect(
      (await api('setMyCommands', { commands: [{ command: 'Bad-Name', description: 'x' }] })).body,
    ).toMatchObject({ description: 'Bad Request: BOT_COMMAND_INVALID' });
  });

  it('answers 401 for unknown tokens and 404 for unknown methods (case-insensitive names)', async () => {
    expect((await callBotApi(tg.url, '123:nope', 'getMe')).body).toEqual({
      ok: false,
      error_code: 401,
      description: 'Unauthorized',
    });
    expect((await api('sendSticker2', {})).body).toEqual({
      ok: false,
      error_code: 404,
      description: 'Not Found: method not found',
    });
    expect((await api('GETME', {})).body.ok).toBe(true);
    expect(
      tg
        .calls()
        .slice(-3)
        .map((c) => [c.method, c.error_code ?? 200]),
    ).toEqual([
      ['getMe', 401],
      ['sendSticker2', 404],
      ['getMe', 200],
    ]);
  });
});
