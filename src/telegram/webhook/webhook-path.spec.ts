import { SecretMatcher, webhookPathSegment, webhookUrl } from './webhook-path';

describe('webhook path', () => {
  const secret = 'webhook-secret-0123456789';

  it('derives a stable segment that does not contain the secret', () => {
    const segment = webhookPathSegment(secret);
    expect(segment).toMatch(/^[0-9a-f]{64}$/);
    expect(segment).toBe(webhookPathSegment(secret));
    expect(segment).not.toContain(secret);
    expect(webhookPathSegment(`${secret}x`)).not.toBe(segment);
  });

  it('builds the URL from the public URL', () => {
    expect(webhookUrl('https://mg.example.com', secret)).toBe(
      `https://mg.example.com/webhooks/telegram/${webhookPathSegment(secret)}`,
    );
  });

  it('compares secrets of any length without throwing', () => {
    const matcher = new SecretMatcher(secret);
    expect(matcher.matches(secret)).toBe(true);
    expect(matcher.matches('short')).toBe(false);
    expect(matcher.matches(`${secret}-and-more`)).toBe(false);
    expect(matcher.matches(undefined)).toBe(false);
  });
});
