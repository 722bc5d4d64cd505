import { sameSecret, webhookPathSegment, webhookUrl } from './webhook-path';

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
    expect(sameSecret(secret, secret)).toBe(true);
    expect(sameSecret(secret, 'short')).toBe(false);
    expect(sameSecret(secret, undefined)).toBe(false);
  });
});
