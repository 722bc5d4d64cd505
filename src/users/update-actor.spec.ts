import type { Update } from 'telegraf/types';
import { actorOf } from './update-actor';

const ann = { id: 42, is_bot: false, first_name: 'Ann', username: 'ann', language_code: 'en' };
const privateChat = { id: 42, type: 'private' as const, first_name: 'Ann' };
const channel = { id: -100123, type: 'channel' as const, title: 'VIP' };

const update = (body: object): Update => ({ update_id: 1, ...body }) as unknown as Update;

describe('actorOf', () => {
  it('reads the user and profile of a private message, which a ban stops', () => {
    expect(
      actorOf(
        update({ message: { message_id: 1, date: 0, chat: privateChat, from: ann, text: 'hi' } }),
      ),
    ).toEqual({
      profile: {
        telegramUserId: 42,
        username: 'ann',
        firstName: 'Ann',
        lastName: undefined,
        languageCode: 'en',
      },
      passesBan: false,
    });
  });

  it('lets payment steps through a ban so the payments domain can answer them', () => {
    const paid = actorOf(
      update({
        message: {
          message_id: 1,
          date: 0,
          chat: privateChat,
          from: ann,
          successful_payment: { currency: 'XTR', total_amount: 10 },
        },
      }),
    );
    const preCheckout = actorOf(
      update({ pre_checkout_query: { id: 'q', from: ann, currency: 'XTR', total_amount: 10 } }),
    );
    expect(paid?.passesBan).toBe(true);
    expect(preCheckout?.passesBan).toBe(true);
  });

  it('stops button presses and join requests of a banned user', () => {
    expect(
      actorOf(update({ callback_query: { id: 'c', from: ann, chat_instance: 'x' } })),
    ).toMatchObject({ passesBan: false });
    expect(
      actorOf(
        update({ chat_join_request: { chat: channel, from: ann, user_chat_id: 42, date: 0 } }),
      ),
    ).toMatchObject({ passesBan: false, profile: { telegramUserId: 42 } });
  });

  it('reads blocking and unblocking the bot from my_chat_member in the private chat', () => {
    const change = (status: string) =>
      update({
        my_chat_member: {
          chat: privateChat,
          from: ann,
          date: 0,
          old_chat_member: { status: 'member', user: { id: 1, is_bot: true, first_name: 'Bot' } },
          new_chat_member: { status, user: { id: 1, is_bot: true, first_name: 'Bot' } },
        },
      });
    expect(actorOf(change('kicked'))).toMatchObject({ blockedBot: true, passesBan: true });
    expect(actorOf(change('member'))).toMatchObject({ blockedBot: false });
  });

  it('has no actor for channel membership changes, the bot in groups, or bots', () => {
    const botUser = { id: 7, is_bot: true, first_name: 'Other bot' };
    expect(
      actorOf(
        update({
          my_chat_member: {
            chat: channel,
            from: ann,
            date: 0,
            old_chat_member: { status: 'left', user: botUser },
            new_chat_member: { status: 'administrator', user: botUser },
          },
        }),
      ),
    ).toBeUndefined();
    expect(
      actorOf(
        update({
          chat_member: {
            chat: channel,
            from: ann,
            date: 0,
            old_chat_member: { status: 'left', user: ann },
            new_chat_member: { status: 'member', user: ann },
          },
        }),
      ),
    ).toBeUndefined();
    expect(
      actorOf(
        update({
          message: { message_id: 1, date: 0, chat: privateChat, from: botUser, text: 'x' },
        }),
      ),
    ).toBeUndefined();
  });
});
