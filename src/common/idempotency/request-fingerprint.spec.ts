import { requestFingerprint } from './request-fingerprint';

describe('requestFingerprint', () => {
  const base = {
    method: 'POST',
    url: '/api/sellers/plans',
    body: { a: 1, b: { c: [1, 2] } },
    key: 'server-secret',
  };

  it('ignores key order in the body', () => {
    expect(requestFingerprint(base)).toBe(
      requestFingerprint({ ...base, body: { b: { c: [1, 2] }, a: 1 } }),
    );
  });

  it('differs for another body, another URL or another method', () => {
    const fp = requestFingerprint(base);
    expect(requestFingerprint({ ...base, body: { a: 2, b: { c: [1, 2] } } })).not.toBe(fp);
    expect(requestFingerprint({ ...base, body: { a: 1, b: { c: [2, 1] } } })).not.toBe(fp);
    expect(requestFingerprint({ ...base, url: '/api/sellers/channels' })).not.toBe(fp);
    expect(requestFingerprint({ ...base, method: 'PATCH' })).not.toBe(fp);
  });

  it('depends on the server key, so a stored fingerprint cannot be tested against guesses', () => {
    expect(requestFingerprint({ ...base, key: 'another-key' })).not.toBe(requestFingerprint(base));
  });

  it('treats a missing body like an empty one only when both are absent', () => {
    expect(requestFingerprint({ ...base, body: undefined })).toBe(
      requestFingerprint({ ...base, body: null }),
    );
    expect(requestFingerprint({ ...base, body: {} })).not.toBe(
      requestFingerprint({ ...base, body: undefined }),
    );
  });
});
