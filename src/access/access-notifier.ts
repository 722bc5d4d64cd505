import { Injectable } from '@nestjs/common';
import type { MembershipView } from '../memberships/membership.types';
import { OutboxService } from '../outbox/outbox.service';
import { AccessJobs, AccessMessageContent } from './outbox/access-jobs';
import { Pseudonyms } from './pseudonyms';

/** Queues one message to a member in the bot; `key` names the business event (sent once). */
@Injectable()
export class AccessNotifier {
  constructor(
    private readonly outbox: OutboxService,
    private readonly pseudonyms: Pseudonyms,
  ) {}

  async notify(params: {
    membership: Pick<MembershipView, 'id' | 'sellerId' | 'telegramUserId'>;
    content: AccessMessageContent;
    key: string;
    paymentId?: string;
  }): Promise<string> {
    const { membership } = params;
    const { job } = await this.outbox.enqueue({
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
    });
    return job.id;
  }
}
