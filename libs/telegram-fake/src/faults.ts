/**
 * Fault injection: make chosen Bot API calls fail, slow down or hang, so tests can exercise
 * retry and back-off paths against Telegram-shaped errors.
 */
export interface FaultSpec {
  /** Method name; omitted = every method. */
  method?: string;
  /** Only calls whose chat_id equals this (number or "@username"). */
  chatId?: number | string;
  /** Only calls made with this bot token. */
  token?: string;
  /** How many matching calls the rule affects; omitted = until cleared. */
  times?: number;
  /** Answer with this error. retryAfter adds parameters.retry_after (429). */
  error?: { code: number; description?: string; retryAfter?: number };
  /** Wait this long before going on (with the error, the hang, or the real method). */
  delayMs?: number;
  /** Never answer until the fault is cleared (then the call proceeds) or the server stops. */
  hang?: boolean;
}

export interface FaultRule extends FaultSpec {
  id: string;
  hits: number;
}

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function faultDescription(error: NonNullable<FaultSpec['error']>): string {
  if (error.description) {
    return error.description;
  }
  if (error.code === 429) {
    return `Too Many Requests: retry after ${error.retryAfter ?? 1}`;
  }
  return DEFAULT_DESCRIPTIONS[error.code] ?? `Error ${error.code}`;
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;
  private readonly hangs = new Map<string, Set<() => void>>();

  add(spec: FaultSpec): string {
    if (!spec.error && spec.delayMs === undefined && !spec.hang) {
      throw new Error('a fault needs error, delayMs or hang');
    }
    const id = `fault_${this.nextId++}`;
    this.rules.push({ ...spec, id, hits: 0 });
    return id;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  remove(id: string): void {
    this.rules = this.rules.filter((r) => r.id !== id);
    this.releaseHangs(id);
  }

  clear(): void {
    this.rules = [];
    for (const id of [...this.hangs.keys()]) {
      this.releaseHangs(id);
    }
  }

  /** First matching rule wins; its budget is spent when it matches. */
  match(method: string, token: string, chatId: unknown): FaultRule | undefined {
    const rule = this.rules.find(
      (r) =>
        (r.method === undefined || r.method === method) &&
        (r.token === undefined || r.token === token) &&
        (r.chatId === undefined || String(r.chatId) === String(chatId)),
    );
    if (!rule) {
      return undefined;
    }
    rule.hits++;
    if (rule.times !== undefined && rule.hits >= rule.times) {
      this.rules = this.rules.filter((r) => r !== rule);
    }
    return { ...rule };
  }

  /** Resolves when the rule is cleared (the caller also gives up when the client goes away). */
  waitForRelease(id: string): { promise: Promise<void>; cancel: () => void } {
    let release!: () => void;
    const promise = new Promise<void>((resolve) => (release = resolve));
    let waiting = this.hangs.get(id);
    if (!waiting) {
      waiting = new Set();
      this.hangs.set(id, waiting);
    }
    waiting.add(release);
    // A count-limited hang rule may already be spent; it still holds until explicitly cleared.
    return { promise, cancel: () => waiting.delete(release) };
  }

  private releaseHangs(id: string): void {
    const waiting = this.hangs.get(id);
    this.hangs.delete(id);
    for (const release of waiting ?? []) {
      release();
    }
  }
}
