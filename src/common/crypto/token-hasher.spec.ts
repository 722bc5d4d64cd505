import { TokenHasher } from './token-hasher';

describe('TokenHasher', () => {
  const hasher = new TokenHasher();

  it('stores a sha256 hex digest, never the token', () => {
    const hash = hasher.hash('mg_abc_secret');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('secret');
  });

  it('matches the same token and rejects any other', () => {
    const hash = hasher.hash('token-1');
    expect(hasher.matches('token-1', hash)).toBe(true);
    expect(hasher.matches('token-2', hash)).toBe(false);
    expect(hasher.matches('token-1', 'not-hex')).toBe(false);
  });
});
