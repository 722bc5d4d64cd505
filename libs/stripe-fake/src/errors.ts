/** The `type` values Stripe's v1 API puts in its error envelope. */
export type StripeErrorType =
  'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorBody {
  error: {
    type: StripeErrorType;
    message: string;
    code?: string;
    param?: string;
    decline_code?: string;
    doc_url?: string;
  };
}

/**
 * An error the fake answers in Stripe's envelope. Route handlers and services throw it; the HTTP
 * layer turns it into a response with `status`, which is what the SDK maps to its error classes
 * (400/404 -> StripeInvalidRequestError, 401 -> StripeAuthenticationError, 402 -> StripeCardError,
 * 429 -> StripeRateLimitError, 5xx -> StripeAPIError).
 */
export class StripeApiError extends Error {
  readonly status: number;
  readonly type: StripeErrorType;
  readonly code?: string;
  readonly param?: string;
  readonly declineCode?: string;

  constructor(input: {
    status: number;
    type: StripeErrorType;
    message: string;
    code?: string;
    param?: string;
    declineCode?: string;
  }) {
    super(input.message);
    this.name = 'StripeApiError';
    this.status = input.status;
    this.type = input.type;
    this.code = input.code;
    this.param = input.param;
    this.declineCode = input.declineCode;
  }

  toBody(): StripeErrorBody {
    return {
      error: {
        type: this.type,
        message: this.message,
        ...(this.code
          ? {
              code: this.code,
              doc_url: `https://stripe.com/docs/error-codes/${this.code.replace(/_/g, '-')}`,
            }
          : {}),
        ...(this.param ? { param: this.param } : {}),
        ...(this.declineCode ? { decline_code: this.declineCode } : {}),
      },
    };
  }
}

/** Misuse of a test driver (unknown id, wrong state): a bug in the test, not a Stripe answer. */
export class StripeFakeDriverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StripeFakeDriverError';
  }
}

export function invalidRequest(
  message: string,
  extra: { code?: string; param?: string } = {},
): StripeApiError {
  return new StripeApiError({ status: 400, type: 'invalid_request_error', message, ...extra });
}

export function missingParam(param: string): StripeApiError {
  return invalidRequest(`Missing required param: ${param}.`, { code: 'parameter_missing', param });
}

export function unknownParam(param: string): StripeApiError {
  return invalidRequest(`Received unknown parameter: ${param}`, {
    code: 'parameter_unknown',
    param,
  });
}

/** Stripe names the resource by its `object` value: "No such checkout.session: 'cs_test_…'". */
export function resourceMissing(objectName: string, id: string, param = 'id'): StripeApiError {
  return new StripeApiError({
    status: 404,
    type: 'invalid_request_error',
    message: `No such ${objectName}: '${id}'`,
    code: 'resource_missing',
    param,
  });
}

/** The stored object, or Stripe's 404 for its id. */
export function foundOr404<T>(value: T | undefined, objectName: string, id: string): T {
  if (value === undefined) {
    throw resourceMissing(objectName, id);
  }
  return value;
}
