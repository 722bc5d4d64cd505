import { StripeApiError } from '../errors';

/**
 * What an injected fault does to a matching request:
 * - `server_error`: 500 api_error; `rate_limit`: 429 (`code: rate_limit`);
 * - `card_declined`: 402 card_error (`code: card_declined`, `decline_code: generic_decline`);
 * - `disconnect`: the socket is destroyed without an answer;
 * - `delay`: the request waits `delayMs`, then runs normally.
 */
export type FaultSpec =
  | { kind: 'server_error' | 'rate_limit' | 'card_declined' | 'disconnect' }
  | { kind: 'delay'; delayMs: number };

export type FaultKind = FaultSpec['kind'];

export type FaultRule = FaultSpec & {
  /** `'POST /v1/checkout/sessions'`, `'GET /v1/subscriptions/:id'`, … or `'*'` for every route. */
  route: string;
  /** How many matching requests it affects; 1 by default, `Infinity` for all. */
  times?: number;
  /** Only requests made with this secret key. */
  secretKey?: string;
};

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

/** Faults waiting for their matching requests, consumed in the order they were added. */
export class FaultInjector {
  private rules: ActiveRule[] = [];

  constructor(private readonly knownRoutes: () => string[]) {}

  add(rule: FaultRule): void {
    if (rule.route !== '*' && !this.knownRoutes().includes(rule.route)) {
      // A typo would otherwise make the fault silently never fire.
      throw new Error(
        `Unknown route "${rule.route}" for a fault; known routes: ${this.knownRoutes().join(', ')}`,
      );
    }
    this.rules.push({ rule, remaining: rule.times ?? 1 });
  }

  take(routeKey: string, secretKey: string): FaultSpec | undefined {
    const active = this.rules.find(
      ({ rule }) =>
        (rule.route === '*' || rule.route === routeKey) &&
        (rule.secretKey === undefined || rule.secretKey === secretKey),
    );
    if (!active) {
      return undefined;
    }
    active.remaining -= 1;
    if (active.remaining <= 0) {
      this.rules = this.rules.filter((candidate) => candidate !== active);
    }
    return active.rule;
  }

  clear(): void {
    this.rules = [];
  }
}

/** The Stripe error an injected fault answers with. */
export function faultError(kind: 'server_error' | 'rate_limit' | 'card_declined'): StripeApiError {
  switch (kind) {
    case 'server_error':
      return new StripeApiError({
        status: 500,
        type: 'api_error',
        message: 'An unknown error occurred (injected by stripe-fake).',
      });
    case 'rate_limit':
      return new StripeApiError({
        status: 429,
        type: 'invalid_request_error',
        code: 'rate_limit',
        message:
          'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
      });
    case 'card_declined':
      return new StripeApiError({
        status: 402,
        type: 'card_error',
        code: 'card_declined',
        declineCode: 'generic_decline',
        message: 'Your card was declined.',
      });
  }
}
