import { Injectable, Logger } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { isInChat } from '../access/outbox/telegram-call';
import { AppException } from '../common/errors/app.exception';
import { GrantService } from '../memberships/grant.service';
import type { GrantView } from '../memberships/membership.types';
import { OutboxService } from '../outbox/outbox.service';
import { TelegramGateway } from '../telegram/telegram.gateway';

/** Recovery never waits long on Telegram: an unanswered check counts as "cannot tell". */
const MEMBER_CHECK_TIMEOUT_MS = 5_000;

/**
 * The things recovery can do, each through the domain that owns it: apply a recorded grant
 * (memberships), queue the original delivery or a fresh one (access), make waiting jobs due now
 * (outbox), and ask Telegram whether the payer is already in the plan's chats.
 */
@Injectable()
export class RecoveryActions {
  private readonly logger = new Logger('Recovery');

  constructor(
    private readonly grants: GrantService,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly gateway: TelegramGateway,
  ) {}

  /** True when the payer is in every chat of the grant; undefined when Telegram cannot tell. */
  async payerInEveryChat(grant: GrantView): Promise<boolean | undefined> {
    if (grant.telegramUserId === undefined || !this.gateway.enabled) {
      return undefined;
    }
    try {
      for (const channel of grant.channels) {
        const member = await this.gateway.api().callApi(
          'getChatMember',
          { chat_id: channel.chatId, user_id: grant.telegramUserId },
          // telegraf types the signal as the abort-controller polyfill; node-fetch takes the native one.
          { signal: AbortSignal.timeout(MEMBER_CHECK_TIMEOUT_MS) as never },
        );
        if (!isInChat(member)) {
          return false;
        }
      }
      return true;
    } catch (error) {
      this.logger.warn(`Membership check for grant ${grant.id} failed: ${String(error)}`);
      return undefined;
    }
  }

  /** Applies the grant; its `membership.granted` queues the delivery (access listens). */
  async reapply(grant: GrantView): Promise<void> {
    await this.grants.apply(grant);
  }

  /** The grant's original delivery (same keys: whatever was already queued is not repeated). */
  async deliver(grant: GrantView): Promise<void> {
    await this.access.deliverGrant(grant);
  }

  /** Fresh links (unused old ones are withdrawn), named by the recovery attempt. */
  async redeliver(grant: GrantView, attemptKey: string): Promise<void> {
    await this.access.redeliver(grant.id, attemptKey);
  }

  /** Makes waiting jobs due now; returns how many were. Jobs finished meanwhile are skipped. */
  async retry(jobIds: string[]): Promise<number> {
    let retried = 0;
    for (const jobId of jobIds) {
      try {
        await this.outbox.retryNow(jobId);
        retried += 1;
      } catch (error) {
        if (!(error instanceof AppException)) {
          throw error;
        }
      }
    }
    return retried;
  }
}
