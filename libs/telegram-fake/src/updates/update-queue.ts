import { Errors, type TelegramApiError } from '../errors';
import type { Update, UpdatePayloads, UpdateType } from '../types';

type UpdateBody = { [K in UpdateType]: { [P in K]: UpdatePayloads[K] } }[UpdateType];

interface Waiter {
  limit: number;
  resolve: (updates: Update[]) => void;
  reject: (error: TelegramApiError) => void;
  timer: NodeJS.Timeout;
}

/**
 * One bot's pending updates with Telegram's confirmation model: an update stays queued until
 * getUpdates is called with an offset above its id (or the webhook accepted it). update_id grows
 * by one per update and per bot.
 */
export class UpdateQueue {
  private pending: Update[] = [];
  private nextUpdateId = 1;
  private waiter?: Waiter;
  private readonly pushListeners = new Set<() => void>();

  get size(): number {
    return this.pending.length;
  }

  push(body: UpdateBody): Update {
    const update = { update_id: this.nextUpdateId++, ...body } as Update;
    this.pending.push(update);
    this.wakeWaiter();
    for (const listener of this.pushListeners) {
      listener();
    }
    return update;
  }

  onPush(listener: () => void): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  /** getUpdates offset semantics, including negative offsets counted from the end. */
  confirm(offset: number): void {
    if (offset > 0) {
      this.pending = this.pending.filter((u) => u.update_id >= offset);
    } else if (offset < 0) {
      this.pending = this.pending.slice(offset);
    }
  }

  peek(limit = 100): Update[] {
    return this.pending.slice(0, limit);
  }

  /** The webhook accepted this update. */
  ack(updateId: number): void {
    this.pending = this.pending.filter((u) => u.update_id !== updateId);
  }

  clear(): void {
    this.pending = [];
  }

  /**
   * Long polling: answers at once if something is pending, otherwise holds the request until an
   * update arrives or `timeoutMs` passes. A newer getUpdates terminates the older one with 409,
   * as Telegram does when two bot instances poll.
   */
  poll(
    offset: number,
    limit: number,
    timeoutMs: number,
  ): { promise: Promise<Update[]>; cancel: () => void } {
    this.confirm(offset);
    this.terminateWaiter(Errors.conflictPolling());
    if (this.pending.length > 0 || timeoutMs <= 0) {
      return { promise: Promise.resolve(this.peek(limit)), cancel: () => undefined };
    }
    let waiter: Waiter | undefined;
    const promise = new Promise<Update[]>((resolve, reject) => {
      waiter = {
        limit,
        resolve,
        reject,
        timer: setTimeout(() => {
          if (this.waiter === waiter) {
            this.waiter = undefined;
          }
          resolve([]);
        }, timeoutMs),
      };
      this.waiter = waiter;
    });
    const cancel = (): void => {
      if (waiter && this.waiter === waiter) {
        clearTimeout(waiter.timer);
        this.waiter = undefined;
        waiter.resolve([]);
      }
    };
    return { promise, cancel };
  }

  /** Ends a held getUpdates (webhook set, server stopping, another poller). */
  terminateWaiter(error?: TelegramApiError): void {
    const waiter = this.waiter;
    if (!waiter) {
      return;
    }
    this.waiter = undefined;
    clearTimeout(waiter.timer);
    if (error) {
      waiter.reject(error);
    } else {
      waiter.resolve([]);
    }
  }

  private wakeWaiter(): void {
    const waiter = this.waiter;
    if (!waiter) {
      return;
    }
    this.waiter = undefined;
    clearTimeout(waiter.timer);
    waiter.resolve(this.peek(waiter.limit));
  }
}
