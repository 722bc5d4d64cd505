import { createHmac } from 'node:crypto';
import { computeSignature, signatureHeader, verifySignature } from './webhook-signature';

const secret = 'whsec_test_secret_value';
const body = '{"id":"evt_1","type":"ping","createdAt":"2026-01-01T00:00:00.000Z","data":{}}';
const timestamp = 1_767_225_600;

describe('webhook signatures', () => {
  it('is the hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the whole secret', () => {
    const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    expect(computeSignature({ secret, timestamp, body })).toBe(expected);
    expect(signatureHeader({ secrets: [secret], timestamp, body })).toBe(`v1=${expected}`);
  });

  it('verifies a fresh signature and refuses a changed body or a wrong secret', () => {
    const header = signatureHeader({ secrets: [secret], timestamp, body });
    const check = (overrides: Partial<Parameters<typeof verifySignature>[0]>) =>
      verifySignature({
        secret,
        header,
        timestamp: String(timestamp),
        body,
        nowSeconds: timestamp + 10,
        ...overrides,
      });
    expect(check({})).toBe(true);
    expect(check({ body: body.replace('ping', 'pong') })).toBe(false);
    expect(check({ secret: 'whsec_other' })).toBe(false);
    expect(check({ header: 'v1=00' })).toBe(false);
  });

  it('refuses a timestamp older or newer than five minutes', () => {
    const header = signatureHeader({ secrets: [secret], timestamp, body });
    const at = (nowSeconds: number) =>
      verifySignature({ secret, header, timestamp: String(timestamp), body, nowSeconds });
    expect(at(timestamp + 300)).toBe(true);
    expect(at(timestamp + 301)).toBe(false);
    expect(at(timestamp - 301)).toBe(false);
  });

  it('signs with both secrets during a rotation, and either verifies', () => {
    const header = signatureHeader({ secrets: ['whsec_new', 'whsec_old'], timestamp, body });
    expect(header.split(' ')).toHaveLength(2);
    for (const s of ['whsec_new', 'whsec_old']) {
      expect(
        verifySignature({
          secret: s,
          header,
          timestamp: String(timestamp),
          body,
          nowSeconds: timestamp,
        }),
      ).toBe(true);
    }
  });
});
