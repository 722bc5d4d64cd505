/** At most `limit` sends in any `windowMs` for one key (the bot, or one chat). */
export interface RateWindow {
  key: string;
  limit: number;
  windowMs: number;
}

export interface RateTicket {
  windows: RateWindow[];
  atMs: number;
}

/**
 * Sliding-window limiter over send times, deliberately stricter than Telegram: every window is
 * lengthened by a safety margin, because Telegram counts arrivals, and arrivals jitter by a few
 * milliseconds against the times we record. Pure bookkeeping: the caller passes the time.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, { window: RateWindow; times: number[] }>();
  private readonly blocked = new Map<string, number>();

  constructor(private readonly safetyMs: (windowMs: number) => number = defaultSafetyMs) {}

  /** Milliseconds until every window has room (0 = now). */
  waitMs(windows: RateWindow[], nowMs: number): number {
    let wait = 0;
    for (const window of windows) {
      wait = Math.max(wait, this.keyWaitMs(window, nowMs));
    }
    return wait;
  }

  /** Takes a slot in every window if all have room now. */
  tryAcquire(windows: RateWindow[], nowMs: number): RateTicket | undefined {
    if (this.waitMs(windows, nowMs) > 0) {
      return undefined;
    }
    for (const window of windows) {
      this.insert(window, nowMs);
    }
    return { windows, atMs: nowMs };
  }

  /** Gives the slot back (the send did not happen). */
  release(ticket: RateTicket): void {
    for (const window of ticket.windows) {
      const entry = this.hits.get(window.key);
      const index = entry?.times.lastIndexOf(ticket.atMs) ?? -1;
      if (entry && index >= 0) {
        entry.times.splice(index, 1);
      }
    }
  }

  /** Moves a slot to the moment the request really leaves (later is always the safe side). */
  touch(ticket: RateTicket, nowMs: number): RateTicket {
    if (nowMs <= ticket.atMs) {
      return ticket;
    }
    this.release(ticket);
    for (const window of ticket.windows) {
      this.insert(window, nowMs);
    }
    return { windows: ticket.windows, atMs: nowMs };
  }

  /** Counts a send made elsewhere (another instance), e.g. when taking over the dispatcher. */
  record(windows: RateWindow[], atMs: number): void {
    for (const window of windows) {
      this.insert(window, atMs);
    }
  }

  /** Telegram said to wait (429): nothing goes to this key before `untilMs`. */
  block(key: string, untilMs: number): void {
    this.blocked.set(key, Math.max(untilMs, this.blocked.get(key) ?? 0));
  }

  /** Keys (other than `except`) that have no room now, to leave their jobs out of a query. */
  fullKeys(nowMs: number, except: string[] = []): string[] {
    this.prune(nowMs);
    const keys = new Set<string>();
    for (const [key, until] of this.blocked) {
      if (until > nowMs) {
        keys.add(key);
      }
    }
    for (const { window } of this.hits.values()) {
      if (this.keyWaitMs(window, nowMs) > 0) {
        keys.add(window.key);
      }
    }
    return [...keys].filter((key) => !except.includes(key));
  }

  /** Soonest moment some full key has room again (undefined when nothing is full). */
  nextFreeInMs(nowMs: number): number | undefined {
    let soonest: number | undefined;
    for (const { window } of this.hits.values()) {
      const wait = this.keyWaitMs(window, nowMs);
      if (wait > 0) {
        soonest = Math.min(soonest ?? wait, wait);
      }
    }
    for (const until of this.blocked.values()) {
      if (until > nowMs) {
        soonest = Math.min(soonest ?? until - nowMs, until - nowMs);
      }
    }
    return soonest;
  }

  /** Drops send times no window can see any more. */
  prune(nowMs: number): void {
    for (const [key, entry] of this.hits) {
      const horizon = nowMs - entry.window.windowMs - this.safetyMs(entry.window.windowMs);
      const firstKept = entry.times.findIndex((t) => t > horizon);
      if (firstKept === -1) {
        this.hits.delete(key);
      } else if (firstKept > 0) {
        entry.times.splice(0, firstKept);
      }
    }
    for (const [key, until] of this.blocked) {
      if (until <= nowMs) {
        this.blocked.delete(key);
      }
    }
  }

  private keyWaitMs(window: RateWindow, nowMs: number): number {
    const blockedWait = Math.max(0, (this.blocked.get(window.key) ?? 0) - nowMs);
    const times = this.hits.get(window.key)?.times ?? [];
    const span = window.windowMs + this.safetyMs(window.windowMs);
    // Room for one more at `nowMs` iff fewer than `limit` sends fall in (nowMs - span, nowMs].
    // Sends recorded after nowMs (another instance's clock) count as well.
    const inWindow = times.filter((t) => t > nowMs - span);
    if (inWindow.length < window.limit) {
      return blockedWait;
    }
    const mustExpire = inWindow[inWindow.length - window.limit];
    return Math.max(blockedWait, mustExpire + span - nowMs);
  }

  private insert(window: RateWindow, atMs: number): void {
    let entry = this.hits.get(window.key);
    if (!entry) {
      entry = { window, times: [] };
      this.hits.set(window.key, entry);
    }
    entry.window = window;
    const { times } = entry;
    let index = times.length;
    while (index > 0 && times[index - 1] > atMs) {
      index -= 1;
    }
    times.splice(index, 0, atMs);
  }
}

/** 3% of the window, at least 20 ms: 1 s windows run at ~97% of the limit. */
export function defaultSafetyMs(windowMs: number): number {
  return Math.max(20, Math.round(windowMs * 0.03));
}
