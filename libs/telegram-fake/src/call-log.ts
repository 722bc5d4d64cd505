import type { RawParams } from './params';

/** One Bot API request as the fake saw it. */
export interface ApiCall {
  seq: number;
  method: string;
  token: string;
  botId?: number;
  /** Parsed parameters; uploaded files appear as { file: fileName, size }. */
  params: RawParams;
  /** Wall-clock ms when the request arrived. */
  at: number;
  ok: boolean;
  error_code?: number;
  description?: string;
  result?: unknown;
  /** Answered by an injected fault or the rate limiter rather than by the method. */
  injected?: 'fault' | 'rate_limit';
  /** Arrived as the body of a webhook response rather than as an HTTP request. */
  viaWebhookReply?: boolean;
}

export class CallLog {
  private readonly entries: ApiCall[] = [];
  private seq = 0;

  record(call: Omit<ApiCall, 'seq'>): ApiCall {
    const entry = { ...call, seq: ++this.seq };
    this.entries.push(entry);
    return entry;
  }

  list(method?: string): ApiCall[] {
    return method ? this.entries.filter((c) => c.method === method) : [...this.entries];
  }

  clear(): void {
    this.entries.length = 0;
  }
}
