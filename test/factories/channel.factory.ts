import type { AdminRightsInput, FakeChatInfo, TelegramFakeServer } from '@app/telegram-fake';
import { randomBytes } from 'node:crypto';
import type { TestApp } from '../support/test-app';
import type { TestSeller } from './seller.factory';

export const FULL_BOT_RIGHTS: AdminRightsInput = {
  can_invite_users: true,
  can_restrict_members: true,
};

/** A Telegram chat in the fake where the bot is an administrator (with `rights`), silently. */
export function createBotChat(
  tg: TelegramFakeServer,
  botToken: string,
  options: {
    type?: 'channel' | 'supergroup' | 'group';
    rights?: AdminRightsInput;
    username?: string;
  } = {},
): FakeChatInfo {
  const chat = tg.createChat({
    type: options.type ?? 'channel',
    title: `Channel ${randomBytes(3).toString('hex')}`,
    ...(options.username ? { username: options.username } : {}),
  });
  tg.setBotRights(chat.id, botToken, options.rights ?? FULL_BOT_RIGHTS);
  return chat;
}

/** Connects a fresh fake chat (bot with full rights) to the seller through the API. */
export async function connectChannel(
  t: TestApp,
  seller: TestSeller,
  tg: TelegramFakeServer,
  botToken: string,
): Promise<{ id: string; chatId: number; title: string }> {
  const chat = createBotChat(tg, botToken);
  const res = await t
    .http()
    .post('/api/sellers/channels')
    .set('Authorization', `Bearer ${seller.accessToken}`)
    .send({ chatId: chat.id })
    .expect(201);
  return { id: res.body.id, chatId: chat.id, title: chat.title };
}
