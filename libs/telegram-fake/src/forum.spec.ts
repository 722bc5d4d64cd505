import { TelegramFakeServer } from './telegram-fake.server';
import { callBotApi, okResult } from './testing/call-api';
import type { ForumTopic, Message, Update } from './types';

describe('forum topics', () => {
  let tg: TelegramFakeServer;
  let token: string;
  const api = (method: string, params: Record<string, unknown>) =>
    callBotApi(tg.url, token, method, params);
  const ok = <T>(method: string, params: Record<string, unknown>) =>
    okResult<T>(tg.url, token, method, params);

  beforeEach(async () => {
    tg = await TelegramFakeServer.start();
    token = tg.createBot().token;
  });

  afterEach(() => tg.stop());

  it('createForumTopic, messages in topics both ways, closeForumTopic', async () => {
    const forum = tg.createChat({ type: 'supergroup', is_forum: true });
    tg.setBotRights(forum.id, token, { can_manage_topics: true });
    const member = tg.createUser().id;
    tg.addMember(forum.id, member);

    const topic = await ok<ForumTopic>('createForumTopic', { chat_id: forum.id, name: 'Support' });
    expect(topic).toEqual({
      message_thread_id: expect.any(Number),
      name: 'Support',
      icon_color: 7322096,
    });

    const inTopic = await ok<Message>('sendMessage', {
      chat_id: forum.id,
      message_thread_id: topic.message_thread_id,
      text: 'hello topic',
    });
    expect(inTopic).toMatchObject({
      message_thread_id: topic.message_thread_id,
      is_topic_message: true,
    });

    tg.sendCommand(member, 'help', { chatId: forum.id, threadId: topic.message_thread_id });
    const updates = await ok<Update[]>('getUpdates', {});
    expect(updates.at(-1)?.message).toMatchObject({
      text: '/help',
      message_thread_id: topic.message_thread_id,
      is_topic_message: true,
      chat: { is_forum: true },
    });

    expect(
      await ok('closeForumTopic', {
        chat_id: forum.id,
        message_thread_id: topic.message_thread_id,
      }),
    ).toBe(true);
    expect(
      (
        await api('sendMessage', {
          chat_id: forum.id,
          message_thread_id: topic.message_thread_id,
          text: 'x',
        })
      ).body,
    ).toMatchObject({ description: 'Bad Request: TOPIC_CLOSED' });
    expect(
      (
        await api('closeForumTopic', {
          chat_id: forum.id,
          message_thread_id: topic.message_thread_id,
        })
      ).body,
    ).toMatchObject({ description: 'Bad Request: TOPIC_NOT_MODIFIED' });
    expect(
      (await api('sendMessage', { chat_id: forum.id, message_thread_id: 424242, text: 'x' })).body,
    ).toMatchObject({ description: 'Bad Request: message thread not found' });

    tg.setBotRights(forum.id, token, { can_manage_topics: false });
    expect((await api('createForumTopic', { chat_id: forum.id, name: 'x' })).body).toMatchObject({
      description: 'Bad Request: not enough rights to create a topic',
    });
    const plain = tg.createChat({ type: 'supergroup' }).id;
    tg.setBotRights(plain, token, {});
    expect((await api('createForumTopic', { chat_id: plain, name: 'x' })).body).toMatchObject({
      description: 'Bad Request: the chat is not a forum',
    });
  });

  it('seeded topics carry user messages with message_thread_id and is_topic_message', async () => {
    const forum = tg.createChat({ type: 'supergroup', is_forum: true });
    tg.setBotRights(forum.id, token, {});
    const member = tg.createUser().id;
    tg.addMember(forum.id, member);
    const topic = tg.createTopic(forum.id, 'Announcements');

    const sent = tg.sendMessage(member, 'question', {
      chatId: forum.id,
      threadId: topic.message_thread_id,
    });

    expect(sent).toMatchObject({
      message_thread_id: topic.message_thread_id,
      is_topic_message: true,
      reply_to_message: { forum_topic_created: { name: 'Announcements' } },
    });
    const updates = await ok<Update[]>('getUpdates', {});
    expect(updates.map((u) => u.message?.text ?? 'service')).toEqual(['service', 'question']);
  });
});
