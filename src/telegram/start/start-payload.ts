/**
 * What a t.me/<bot>?start=<payload> deep link carries. Telegram allows up to 64 characters of
 * A-Z, a-z, 0-9, _ and -; we prefix the kind so one bot serves several flows.
 */
export type StartPayload =
  | { type: 'plan'; planId: string }
  | { type: 'claim'; token: string }
  | { type: 'ref'; code: string }
  | { type: 'none' }
  | { type: 'unknown'; raw: string };

export type StartPayloadType = StartPayload['type'];

const PREFIXES = { plan_: 'plan', claim_: 'claim', ref_: 'ref' } as const;
const VALUE = /^[A-Za-z0-9_-]{1,64}$/;

export function parseStartPayload(raw: string | undefined): StartPayload {
  const payload = (raw ?? '').trim();
  if (payload === '') {
    return { type: 'none' };
  }
  if (!VALUE.test(payload)) {
    return { type: 'unknown', raw: payload.slice(0, 64) };
  }
  for (const [prefix, type] of Object.entries(PREFIXES)) {
    if (payload.startsWith(prefix) && payload.length > prefix.length) {
      const value = payload.slice(prefix.length);
      switch (type) {
        case 'plan':
          return { type, planId: value };
        case 'claim':
          return { type, token: value };
        case 'ref':
          return { type, code: value };
      }
    }
  }
  return { type: 'unknown', raw: payload };
}

/** The payload of a `/start <payload>` (or `/start@bot <payload>`) message text. */
export function startPayloadFromText(text: string | undefined): string | undefined {
  const match = /^\/start(?:@\w+)?(?:\s+(\S+))?/.exec(text ?? '');
  return match?.[1];
}
