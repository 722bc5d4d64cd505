import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import type { AttemptOutcome, OutboxExecutor } from '../outbox/outbox-executor';
import { OutboxExecutorRegistry } from '../outbox/outbox-executor.registry';
import { EmailMessageRepository } from './email-message.repository';
import { Mailer, MailRefusedError } from './mailer';

export const EMAIL_SEND = 'email.send';

/** Only the e-mail's id: the address and text stay in email_messages (erasable in one place). */
export interface EmailSendPayload {
  emailId: string;
}

declare module '../outbox/outbox.types' {
  interface OutboxPayloads {
    [EMAIL_SEND]: EmailSendPayload;
  }
}

const SMTP_RETRY_MS = [30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, 2 * 3_600_000];

/** Sends a queued e-mail through the Mailer; SMTP is not rate limited like Telegram. */
@Injectable()
export class EmailSendExecutor implements OutboxExecutor<typeof EMAIL_SEND>, OnModuleInit {
  readonly kind = EMAIL_SEND;
  readonly rateClass = 'none' as const;
  readonly maxAttempts = SMTP_RETRY_MS.length + 1;

  constructor(
    private readonly registry: OutboxExecutorRegistry,
    private readonly mailer: Mailer,
    private readonly emails: EmailMessageRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  available(): boolean {
    return this.mailer.enabled;
  }

  chatKey(): string {
    return 'smtp';
  }

  retryDelayMs(failures: number): number {
    return SMTP_RETRY_MS[Math.min(failures, SMTP_RETRY_MS.length) - 1] ?? 0;
  }

  async execute(payload: EmailSendPayload): Promise<unknown> {
    const email = await this.emails.findById(payload.emailId);
    if (!email) {
      // Erased (privacy) before it went out: nothing may be sent any more.
      return { skipped: 'erased' };
    }
    if (email.status === 'sent') {
      return { alreadySent: true };
    }
    const { messageId } = await this.mailer.send({
      to: email.to,
      subject: email.subject,
      text: email.text,
      ...(email.html ? { html: email.html } : {}),
    });
    await this.emails.markSent(email.id, { at: this.clock.now(), providerMessageId: messageId });
    return { sent: true };
  }

  classify(error: unknown): AttemptOutcome {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof MailRefusedError && error.permanent) {
      return { type: 'failed', code: 'MAIL_REFUSED', reason };
    }
    return { type: 'retry', code: 'SMTP_UNAVAILABLE', reason };
  }
}
