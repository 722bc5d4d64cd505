/** The outbox job kind of a fresh payment's delayed delivery check. */
export const RECOVERY_CHECK_KIND = 'recovery.check';

export interface RecoveryCheckJob {
  paymentId: string;
}

declare module '../outbox/outbox.types' {
  interface OutboxPayloads {
    [RECOVERY_CHECK_KIND]: RecoveryCheckJob;
  }
}
