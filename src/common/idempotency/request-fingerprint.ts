import { createHmac } from 'node:crypto';

/**
 * A stable digest of what a request asks for: same method, URL and body (key order ignored).
 * Keyed (HMAC): bodies can hold passwords, and a plain hash of one stored in the database could
 * be guessed offline.
 */
export function requestFingerprint(params: {
  method: string;
  url: string;
  body: unknown;
  key: string | Buffer;
}): string {
  return createHmac('sha256', params.key)
    .update(JSON.stringify([params.method.toUpperCase(), params.url, canonical(params.body)]))
    .digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(canonical);
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value ?? null;
}
