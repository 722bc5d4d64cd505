import { Injectable } from '@nestjs/common';
import type { MembershipView } from '../memberships/membership.types';
import { OutboxService } from '../outbox/outbox.service';
import type { EnqueueInput } from '../outbox/outbox.types';
import { AccessJobs, AccessMessageContent } from './outbox/access-jobs';
import { Pseudonyms } from './pseudonyms';

export interface MessageRequest {
  membership: Pick<MembershipView, 'id' | 'sellerId' | 'telegramUserId'>;
  content: AccessMessageContent;
  /** Names the business event: the same key sends once. */
  key: string;
  paymentId?: string;
}

/** Queues one message to a member in the bot; `key` names the business event (sent once). */
@Injectable()
export class AccessNotifier {
  constructor(
    private readonly outbox: OutboxService,
    private readonly pseudonyms: Pseudonyms,
  ) {}

  async notify(params: MessageRequest): Promise<string> {
    const { job } = await this.outbox.enqueue(this.messageJob(params));
    return job.id;
  }

  /** The outbox job of a message, for callers that queue many jobs at once. */
  messageJob(params: MessageRequest): EnqueueInput<typeof AccessJobs.Message> {
    const { membership } = params;
    return {
      kind: AccessJobs.Message,
      payload: {
        recipientKey: this.pseudonyms.privateChatKey(membership.telegramUserId),
        content: params.content,
      },
      idempotencyKey: params.key,
      correlation: {
        sellerId: membership.sellerId,
        membershipId: membership.id,
        ...(params.paymentId ? { paymentId: params.paymentId } : {}),
      },
    };
  }
}
