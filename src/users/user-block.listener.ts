import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { MembershipsService } from '../memberships/memberships.service';
import { OutboxEvents, OutboxJobEvent } from '../outbox/outbox.events';
import { UsersService } from './users.service';

/**
 * A message the outbox could not deliver because the user blocked the bot marks the user
 * `blockedBot`. Plain messages name the private chat (a positive chat id is the user's own id);
 * the access domain's messages name no Telegram id (their payloads are pseudonymous), so the
 * user is found through the membership the job belongs to.
 */
@Injectable()
export class UserBlockListener {
  constructor(
    private readonly users: UsersService,
    private readonly memberships: MembershipsService,
  ) {}

  @OnEvent(OutboxEvents.JobFailed)
  async onJobFailed({ job }: OutboxJobEvent): Promise<void> {
    if (!job.lastError?.startsWith('BOT_BLOCKED')) {
      return;
    }
    const telegramUserId = await this.recipientOf(job);
    if (telegramUserId !== undefined) {
      await this.users.markBlockedBot(telegramUserId);
    }
  }

  private async recipientOf(job: OutboxJobEvent['job']): Promise<number | undefined> {
    if (job.kind === 'sendMessage') {
      const chatId = Number((job.payload as { chatId: number | string }).chatId);
      return Number.isSafeInteger(chatId) && chatId > 0 ? chatId : undefined;
    }
    const membershipId = job.correlation.membershipId;
    if (job.rateClass !== 'telegram-message' || !membershipId) {
      return undefined;
    }
    const telegramUserId = (await this.memberships.findById(membershipId))?.telegramUserId;
    // An erased membership keeps a placeholder id, not a person's.
    return telegramUserId !== undefined && telegramUserId > 0 ? telegramUserId : undefined;
  }
}
