/**
 * Telegram time as the fake sees it. Tests move it forward with `advance()` to expire invite
 * links, bans and rate-limit windows without sleeping; real timers (long polling, webhook
 * retries, the 10 s pre-checkout deadline) keep using wall-clock time.
 */
export class FakeClock {
  private offsetMs = 0;

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** Unix time in seconds, the unit of every Bot API date field. */
  now(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  advance(seconds: number): void {
    this.offsetMs += Math.round(seconds * 1000);
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
