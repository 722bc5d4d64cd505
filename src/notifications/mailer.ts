/** One e-mail as the domains write it. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** SMTP's verdict on a refused message: `permanent` for 5xx replies (no point retrying). */
export class MailRefusedError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailRefusedError';
  }
}

/**
 * Sending e-mail, behind an adapter (nodemailer over SMTP_URL in the app; tests point it at a
 * local smtp-server sink). `enabled` is false when no SMTP server is configured: nothing is sent,
 * and callers skip e-mail entirely.
 */
export abstract class Mailer {
  abstract readonly enabled: boolean;
  /** Resolves with the server's message id; throws MailRefusedError or a transport error. */
  abstract send(message: MailMessage): Promise<{ messageId: string }>;
}
