import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MailMessage, Mailer, MailRefusedError } from './mailer';

/** Bounded, so a hanging SMTP server fails the attempt (and the outbox retries) instead of stalling it. */
const SMTP_TIMEOUT_MS = 20_000;

/** nodemailer over SMTP_URL (smtp:// or smtps://, credentials in the URL). */
@Injectable()
export class SmtpMailer extends Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
    this.transport = config.smtpUrl
      ? createTransport({
          url: config.smtpUrl,
          connectionTimeout: SMTP_TIMEOUT_MS,
          greetingTimeout: SMTP_TIMEOUT_MS,
          socketTimeout: SMTP_TIMEOUT_MS,
        })
      : undefined;
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    if (!this.transport) {
      throw new MailRefusedError('SMTP_URL is not configured', true);
    }
    try {
      const info = (await this.transport.sendMail({
        from: this.config.mailFrom,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
      })) as { messageId: string };
      return { messageId: info.messageId };
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      if (typeof code === 'number') {
        // The server answered: a 5xx will be answered the same way next time.
        throw new MailRefusedError(`SMTP ${code}: ${(error as Error).message}`, code >= 500);
      }
      throw error;
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
