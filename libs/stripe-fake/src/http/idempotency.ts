import { StripeApiError } from '../errors';

/** An answer as sent: the body is the serialised JSON, frozen at the time of the first answer. */
export interface StoredResponse {
  status: number;
  body: string;
}

type Entry =
  | { state: 'running'; fingerprint: string }
  | { state: 'done'; fingerprint: string; response: StoredResponse };

export type IdempotencyDecision =
  | { kind: 'execute' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'reject'; error: StripeApiError };

/**
 * Stripe's idempotency for one account: the first answer to a key is stored and replayed for
 * the same request; the key with different params, or while the first is still running, is an
 * idempotency error.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  begin(key: string, fingerprint: string): IdempotencyDecision {
    const entry = this.entries.get(key);
    if (!entry) {
      this.entries.set(key, { state: 'running', fingerprint });
      return { kind: 'execute' };
    }
    if (entry.fingerprint !== fingerprint) {
      return {
        kind: 'reject',
        error: new StripeApiError({
          status: 400,
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        }),
      };
    }
    if (entry.state === 'running') {
      return {
        kind: 'reject',
        error: new StripeApiError({
          status: 409,
          type: 'idempotency_error',
          message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
        }),
      };
    }
    return { kind: 'replay', response: entry.response };
  }

  /**
   * Stripe saves the result once the endpoint has started executing, including 5xx. Requests
   * that fail validation (4xx) are not saved, so the caller can fix them and retry with the key.
   */
  finish(key: string, response: StoredResponse): void {
    const entry = this.entries.get(key);
    if (!entry) {
      return;
    }
    if (response.status >= 400 && response.status < 500) {
      this.entries.delete(key);
      return;
    }
    this.entries.set(key, { state: 'done', fingerprint: entry.fingerprint, response });
  }

  /** A request that never produced an answer (dropped connection) leaves no trace. */
  abandon(key: string): void {
    this.entries.delete(key);
  }
}
