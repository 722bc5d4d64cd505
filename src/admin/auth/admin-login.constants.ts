/** Admin login by a one-time code the bot sends: the numbers the issue fixes, in one place. */
export const ADMIN_LOGIN = {
  codeDigits: 6,
  codeTtlMs: 5 * 60_000,
  /** Tries per code; then the code is dead and a new one must be requested. */
  triesPerCode: 5,
  requestWindowMs: 15 * 60_000,
  requestsPerTelegramId: 5,
  requestsPerIp: 5,
  /**
   * Wrong codes per Telegram id across all its codes in a day. Without it, 5 codes per 15 minutes
   * times 5 tries would let a patient attacker make ~2,400 guesses a day at a 1-in-a-million code.
   */
  failuresPerDay: 20,
  failureWindowMs: 24 * 3_600_000,
  /** Requests, codes and tries are kept this long, then purged (no TTL indexes on FerretDB). */
  retentionMs: 2 * 24 * 3_600_000,
} as const;

/** Admins are principals with role admin and the subject `tg:<telegramId>`. */
export function adminSubject(telegramId: number): string {
  return `tg:${telegramId}`;
}

export function telegramIdOfSubject(subject: string): number | undefined {
  const match = /^tg:(\d{1,16})$/.exec(subject);
  return match ? Number(match[1]) : undefined;
}
