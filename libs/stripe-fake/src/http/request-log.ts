import type { FormObject } from './form-decoder';
import type { FaultKind } from './faults';

/** One API request as the fake saw it, for assertions such as "created exactly one session". */
export interface RecordedRequest {
  seq: number;
  at: Date;
  method: string;
  path: string;
  /** The matched route (`POST /v1/refunds`), or null for an unknown URL. */
  route: string | null;
  /** The bearer key, or null when none was sent. */
  secretKey: string | null;
  params: FormObject;
  headers: {
    idempotencyKey: string | null;
    stripeAccount: string | null;
    stripeVersion: string | null;
  };
  /** The answer's HTTP status; 0 while in flight or when the connection was dropped. */
  status: number;
  /** True when an earlier answer was replayed for the same Idempotency-Key. */
  replayed: boolean;
  fault: FaultKind | null;
}

export interface RequestFilter {
  method?: string;
  path?: string;
  route?: string;
  secretKey?: string;
}

export class RequestLog {
  private entries: RecordedRequest[] = [];
  private seq = 0;

  record(entry: Omit<RecordedRequest, 'seq'>): RecordedRequest {
    const recorded = { ...entry, seq: ++this.seq };
    this.entries.push(recorded);
    return recorded;
  }

  list(filter: RequestFilter = {}): RecordedRequest[] {
    return this.entries.filter(
      (entry) =>
        (filter.method === undefined || entry.method === filter.method) &&
        (filter.path === undefined || entry.path === filter.path) &&
        (filter.route === undefined || entry.route === filter.route) &&
        (filter.secretKey === undefined || entry.secretKey === filter.secretKey),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
