import { StripeApiError } from '../errors';
import type { AccountStore } from '../state/account-store';

// Test-mode secret and restricted keys; live keys are refused so a misconfigured test cannot
// look like it reached a real account.
const TEST_KEY = /^(sk|rk)_test_[A-Za-z0-9_]+$/;

/** The secret key from `Authorization: Bearer <key>` (or Basic `<key>:`, which Stripe also takes). */
export function authenticate(header: string | undefined, store: AccountStore): string {
  const key = extractKey(header);
  if (key === null) {
    throw unauthorized(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  if (!TEST_KEY.test(key)) {
    throw unauthorized(`Invalid API Key provided: ${redact(key)}`);
  }
  if (store.isRevoked(key)) {
    throw unauthorized(`Expired API Key provided: ${redact(key)}`, 'api_key_expired');
  }
  return key;
}

function extractKey(header: string | undefined): string | null {
  if (!header) {
    return null;
  }
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!value) {
    return null;
  }
  if (scheme.toLowerCase() === 'bearer') {
    return value;
  }
  if (scheme.toLowerCase() === 'basic') {
    const [user] = Buffer.from(value, 'base64').toString('utf8').split(':');
    return user || null;
  }
  return null;
}

/** Stripe shows only the key's mode prefix and last four characters. */
function redact(key: string): string {
  const prefix = /^[a-z]+_(test|live)_/.exec(key)?.[0] ?? '';
  return `${prefix}${'*'.repeat(Math.max(0, key.length - prefix.length - 4))}${key.slice(-4)}`;
}

function unauthorized(message: string, code?: string): StripeApiError {
  return new StripeApiError({ status: 401, type: 'invalid_request_error', message, code });
}
