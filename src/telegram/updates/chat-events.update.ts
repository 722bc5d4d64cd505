import { EventEmitter2 } from '@nestjs/event-emitter';
import { Ctx, On, Update } from 'nestjs-telegraf';
import type { Context } from 'telegraf';
import { TelegramEvents } from '../telegram.events';
import { toBotMembershipChanged, toChatMemberChanged, toJoinRequested } from './update-mappers';

/**
 * Membership updates become domain events. They are awaited (`emitAsync`): a listener that fails
 * (declared with `suppressErrors: false`) fails the update, and Telegram delivers it again.
 */
@Update()
export class ChatEventsUpdate {
  constructor(private readonly events: EventEmitter2) {}

  @On('my_chat_member')
  async botMembership(@Ctx() ctx: Context): Promise<void> {
    const update = ctx.myChatMember;
    // In a private chat this is a user blocking or unblocking the bot, not a channel change.
    if (update && update.chat.type !== 'private') {
      await this.events.emitAsync(
        TelegramEvents.BotMembershipChanged,
        toBotMembershipChanged(update),
      );
    }
  }

  @On('chat_member')
  async chatMember(@Ctx() ctx: Context): Promise<void> {
    if (ctx.chatMember) {
      await this.events.emitAsync(
        TelegramEvents.ChatMemberChanged,
        toChatMemberChanged(ctx.chatMember),
      );
    }
  }

  @On('chat_join_request')
  async joinRequest(@Ctx() ctx: Context): Promise<void> {
    if (ctx.chatJoinRequest) {
      await this.events.emitAsync(
        TelegramEvents.JoinRequested,
        toJoinRequested(ctx.chatJoinRequest),
      );
    }
  }
}
