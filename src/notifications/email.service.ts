import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { OutboxService } from '../outbox/outbox.service';
import { EMAIL_SEND } from './email.outbox';
import { EmailMessageRepository } from './email-message.repository';
import { MailMessage, Mailer } from './mailer';

export interface QueueEmailInput extends MailMessage {
  /** Names the business event (never personal data): the same key sends once. */
  key: string;
  sellerId?: string;
  membershipId?: string;
}

/**
 * E-mail for every domain: stored, then sent through the outbox (retries, at most once per key).
 * With no SMTP server configured nothing is queued, and `queue` answers undefined.
 */
@Injectable()
export class EmailService {
  constructor(
    private readonly mailer: Mailer,
    private readonly emails: EmailMessageRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return this.mailer.enabled;
  }

  /** The outbox job id of the e-mail, or undefined when e-mail is off. */
  async queue(input: QueueEmailInput): Promise<string | undefined> {
    if (!this.mailer.enabled) {
      return undefined;
    }
    const email = await this.emails.insertOnce({ ...input, createdAt: this.clock.now() });
    const { job } = await this.outbox.enqueue({
      kind: EMAIL_SEND,
      payload: { emailId: email.id },
      idempotencyKey: `email:${input.key}`,
      correlation: {
        ...(input.sellerId ? { sellerId: input.sellerId } : {}),
        ...(input.membershipId ? { membershipId: input.membershipId } : {}),
      },
    });
    return job.id;
  }

  /** Privacy: forgets the e-mails sent to these addresses or about these memberships. */
  erase(params: { membershipIds: string[]; emails: string[] }): Promise<number> {
    return this.emails.deleteFor(params);
  }
}
