/**
 * Telegram's flood limits, enforced strictly with sliding windows so tests are deterministic:
 * per bot across all chats, per private chat, and per group/supergroup/channel. Off by default.
 */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface RateLimitConfig {
  perBot: RateWindow;
  perPrivateChat: RateWindow;
  perGroupChat: RateWindow;
  /** Methods that count as sending a message. */
  methods: string[];
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  perBot: { limit: 30, windowMs: 1000 },
  perPrivateChat: { limit: 1, windowMs: 1000 },
  perGroupChat: { limit: 20, windowMs: 60_000 },
  methods: [
    'sendMessage',
    'copyMessage',
    'forwardMessage',
    'sendPhoto',
    'sendDocument',
    'sendInvoice',
  ],
};

export interface RateLimitTicket {
  keys: string[];
  at: number;
}

export class RateLimiter {
  private config: RateLimitConfig = DEFAULT_RATE_LIMITS;
  private enabled = false;
  private readonly windows = new Map<string, number[]>();

  enable(overrides: Partial<RateLimitConfig> = {}): void {
    this.config = { ...DEFAULT_RATE_LIMITS, ...overrides };
    this.enabled = true;
    this.windows.clear();
  }

  disable(): void {
    this.enabled = false;
    this.windows.clear();
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  get settings(): RateLimitConfig {
    return this.config;
  }

  counts(method: string): boolean {
    return this.enabled && this.config.methods.includes(method);
  }

  /**
   * Takes a slot in every window that applies, or returns the seconds to wait (rounded up, at
   * least 1) if any window is full. Nothing is taken on refusal, so refused calls don't count.
   */
  acquire(
    botId: number,
    chatId: number | undefined,
    nowMs: number,
  ): { ticket: RateLimitTicket } | { retryAfter: number } {
    const checks: Array<[string, RateWindow]> = [[`bot:${botId}`, this.config.perBot]];
    if (chatId !== undefined) {
      const window = chatId > 0 ? this.config.perPrivateChat : this.config.perGroupChat;
      checks.push([`chat:${botId}:${chatId}`, window]);
    }
    let waitMs = 0;
    for (const [key, window] of checks) {
      const hits = this.prune(key, window, nowMs);
      if (hits.length >= window.limit) {
        const oldestThatMustExpire = hits[hits.length - window.limit];
        waitMs = Math.max(waitMs, oldestThatMustExpire + window.windowMs - nowMs);
      }
    }
    if (waitMs > 0) {
      return { retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    for (const [key] of checks) {
      this.windows.get(key)?.push(nowMs);
    }
    return { ticket: { keys: checks.map(([key]) => key), at: nowMs } };
  }

  /** The call failed for another reason (blocked user, bad request): give the slot back. */
  release(ticket: RateLimitTicket): void {
    for (const key of ticket.keys) {
      const hits = this.windows.get(key);
      const index = hits?.lastIndexOf(ticket.at) ?? -1;
      if (hits && index >= 0) {
        hits.splice(index, 1);
      }
    }
  }

  private prune(key: string, window: RateWindow, nowMs: number): number[] {
    const hits = (this.windows.get(key) ?? []).filter((t) => t > nowMs - window.windowMs);
    this.windows.set(key, hits);
    return hits;
  }
}
