import type { ChatMemberUpdated } from 'telegraf/types';
import { toBotMembershipChanged, toChatMemberChanged, toJoinRequested } from './update-mappers';

const bot = { id: 900, is_bot: true, first_name: 'Bot', username: 'mg_bot' };
const user = { id: 42, is_bot: false, first_name: 'Ann' };
const channel = { id: -1001, type: 'channel' as const, title: 'VIP' };

function adminUpdate(rights: { invite: boolean; restrict: boolean }): ChatMemberUpdated {
  return {
    chat: channel,
    from: user,
    date: 1_700_000_000,
    old_chat_member: { status: 'left', user: bot },
    new_chat_member: {
      status: 'administrator',
      user: bot,
      can_be_edited: false,
      is_anonymous: false,
      can_manage_chat: true,
      can_delete_messages: false,
      can_manage_video_chats: false,
      can_restrict_members: rights.restrict,
      can_promote_members: false,
      can_change_info: false,
      can_invite_users: rights.invite,
      can_post_stories: false,
      can_edit_stories: false,
      can_delete_stories: false,
    },
  };
}

describe('update mappers', () => {
  it('reads the bot promotion with its rights and the chat title', () => {
    expect(toBotMembershipChanged(adminUpdate({ invite: true, restrict: false }))).toEqual({
      chatId: -1001,
      chatTitle: 'VIP',
      status: 'administrator',
      canInviteUsers: true,
      canRestrictMembers: false,
      at: new Date(1_700_000_000_000),
    });
  });

  it('gives a removed bot no rights', () => {
    const update: ChatMemberUpdated = {
      ...adminUpdate({ invite: true, restrict: true }),
      new_chat_member: { status: 'kicked', user: bot, until_date: 0 },
    };
    expect(toBotMembershipChanged(update)).toMatchObject({
      status: 'kicked',
      canInviteUsers: false,
      canRestrictMembers: false,
    });
  });

  it('reads a member joining through an invite link', () => {
    const update: ChatMemberUpdated = {
      chat: channel,
      from: user,
      date: 1_700_000_100,
      old_chat_member: { status: 'left', user },
      new_chat_member: { status: 'member', user },
      invite_link: {
        invite_link: 'https://t.me/+abc',
        creator: bot,
        creates_join_request: false,
        is_primary: false,
        is_revoked: false,
      },
    };
    expect(toChatMemberChanged(update)).toEqual({
      chatId: -1001,
      userId: 42,
      oldStatus: 'left',
      newStatus: 'member',
      inviteLink: 'https://t.me/+abc',
      at: new Date(1_700_000_100_000),
    });
  });

  it('reads a Star subscription join: the paid period end and the link terms', () => {
    const update = {
      chat: channel,
      from: user,
      date: 1_700_000_100,
      old_chat_member: { status: 'left', user },
      new_chat_member: { status: 'member', user, until_date: 1_702_592_100 },
      invite_link: {
        invite_link: 'https://t.me/+sub',
        creator: bot,
        creates_join_request: false,
        is_primary: false,
        is_revoked: false,
        name: 'sub:665f1c2e8b3e4a0012345679',
        subscription_period: 2_592_000,
        subscription_price: 250,
      },
    } as ChatMemberUpdated;
    expect(toChatMemberChanged(update)).toMatchObject({
      newStatus: 'member',
      inviteLink: 'https://t.me/+sub',
      untilDate: new Date(1_702_592_100_000),
      subscription: {
        priceStars: 250,
        periodSeconds: 2_592_000,
        linkName: 'sub:665f1c2e8b3e4a0012345679',
      },
    });
    const renewal = { ...update, old_chat_member: update.new_chat_member, invite_link: undefined };
    const mapped = toChatMemberChanged(renewal);
    expect(mapped).toMatchObject({ oldStatus: 'member', untilDate: expect.any(Date) });
    expect(mapped.subscription).toBeUndefined();
  });

  it('reads a join request with the private chat to answer in', () => {
    expect(
      toJoinRequested({ chat: channel, from: user, user_chat_id: 42, date: 1_700_000_200 }),
    ).toEqual({
      chatId: -1001,
      userId: 42,
      userChatId: 42,
      inviteLink: undefined,
      at: new Date(1_700_000_200_000),
    });
  });
});
