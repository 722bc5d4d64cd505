import type { Update, User } from 'telegraf/types';
import type { TelegramProfile } from './users.types';

/** The user behind an update, and what the update means for the registry and for a ban. */
export interface UpdateActor {
  profile: TelegramProfile;
  /** Set when the update says whether the user blocks the bot (my_chat_member in private). */
  blockedBot?: boolean;
  /**
   * Still handled when the user is banned: observations the system must not miss (the user
   * blocked the bot) and payment steps, where the payments domain answers the banned user itself
   * (pre-checkout is declined with a reason; a payment Telegram already took is recorded).
   */
  passesBan: boolean;
}

/**
 * Who an update came from. Updates that are not a user talking to the bot (chat_member changes
 * in channels, channel posts, the bot's own status in groups) have no actor: they are neither
 * recorded nor subject to bans. Pure, so every shape is unit-tested.
 */
export function actorOf(update: Update): UpdateActor | undefined {
  if ('message' in update) {
    const { message } = update;
    return person(message.from, { passesBan: 'successful_payment' in message });
  }
  if ('callback_query' in update) {
    return person(update.callback_query.from, { passesBan: false });
  }
  if ('pre_checkout_query' in update) {
    return person(update.pre_checkout_query.from, { passesBan: true });
  }
  if ('chat_join_request' in update) {
    return person(update.chat_join_request.from, { passesBan: false });
  }
  if ('my_chat_member' in update) {
    const change = update.my_chat_member;
    if (change.chat.type !== 'private') {
      return undefined;
    }
    return person(change.from, {
      passesBan: true,
      blockedBot: change.new_chat_member.status === 'kicked',
    });
  }
  if ('inline_query' in update) {
    return person(update.inline_query.from, { passesBan: false });
  }
  if ('shipping_query' in update) {
    return person(update.shipping_query.from, { passesBan: false });
  }
  return undefined;
}

function person(
  from: User | undefined,
  meaning: { passesBan: boolean; blockedBot?: boolean },
): UpdateActor | undefined {
  if (!from || from.is_bot) {
    return undefined;
  }
  return {
    profile: {
      telegramUserId: from.id,
      username: from.username,
      firstName: from.first_name,
      lastName: from.last_name,
      languageCode: from.language_code,
    },
    ...meaning,
  };
}
