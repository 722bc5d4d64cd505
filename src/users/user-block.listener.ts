import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { OutboxEvents, OutboxJobEvent } from '../outbox/outbox.events';
import { UsersService } from './users.service';

/**
 * A message the outbox could not deliver because the user blocked the bot marks the user
 * `blockedBot`. Only private chats count (a positive chat id is the user's own id).
 */
@Injectable()
export class UserBlockListener {
  constructor(private readonly users: UsersService) {}

  @OnEvent(OutboxEvents.JobFailed)
  async onJobFailed({ job }: OutboxJobEvent): Promise<void> {
    if (job.kind !== 'sendMessage' || !job.lastError?.startsWith('BOT_BLOCKED')) {
      return;
    }
    const chatId = Number((job.payload as { chatId: number | string }).chatId);
    if (Number.isSafeInteger(chatId) && chatId > 0) {
      await this.users.markBlockedBot(chatId);
    }
  }
}
