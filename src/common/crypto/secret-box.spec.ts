import { SecretBox, SecretBoxError } from './secret-box';

const keyA = Buffer.alloc(32, 1);
const keyB = Buffer.alloc(32, 2);
const keyC = Buffer.alloc(32, 3);

function box(current: Buffer, previous: Buffer[] = []): SecretBox {
  return new SecretBox({ encryptionKey: current, previousEncryptionKeys: previous });
}

describe('SecretBox', () => {
  it('opens what it sealed, in the versioned v1:<keyId>:<iv>:<tag>:<data> format', () => {
    const sealed = box(keyA).seal('sk_test_abc', 'ctx');
    expect(sealed).toMatch(/^v1:[0-9a-f]{12}:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain('sk_test_abc');
    expect(box(keyA).open(sealed, 'ctx')).toBe('sk_test_abc');
  });

  it('uses a fresh IV each time, so equal secrets give different ciphertexts', () => {
    const b = box(keyA);
    expect(b.seal('same', 'ctx')).not.toBe(b.seal('same', 'ctx'));
  });

  it('opens values sealed with a previous key after rotation, and reseals them with the new key', () => {
    const old = box(keyA).seal('whsec_old', 'ctx');
    const rotated = box(keyB, [keyA]);
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.open(old, 'ctx')).toBe('whsec_old');
    const resealed = rotated.reseal(old, 'ctx');
    expect(rotated.isCurrent(resealed)).toBe(true);
    expect(box(keyB).open(resealed, 'ctx')).toBe('whsec_old');
  });

  it('leaves a value sealed with the current key unchanged on reseal', () => {
    const b = box(keyA);
    const sealed = b.seal('x', 'ctx');
    expect(b.reseal(sealed, 'ctx')).toBe(sealed);
  });

  it('refuses a value sealed with a key that is no longer configured', () => {
    const sealed = box(keyC).seal('x', 'ctx');
    expect(() => box(keyA, [keyB]).open(sealed, 'ctx')).toThrow(SecretBoxError);
  });

  it('refuses a value opened under another context (a ciphertext moved to another row)', () => {
    const sealed = box(keyA).seal('x', 'payment_settings:seller-1:stripeSecretKey');
    expect(() => box(keyA).open(sealed, 'payment_settings:seller-2:stripeSecretKey')).toThrow(
      SecretBoxError,
    );
  });

  it('refuses a tampered ciphertext', () => {
    const parts = box(keyA).seal('secret', 'ctx').split(':');
    const data = Buffer.from(parts[4], 'base64url');
    data[0] = data[0] ^ 0xff;
    parts[4] = data.toString('base64url');
    expect(() => box(keyA).open(parts.join(':'), 'ctx')).toThrow(SecretBoxError);
  });

  it('refuses something that is not a v1 ciphertext', () => {
    expect(() => box(keyA).open('plain-text', 'ctx')).toThrow(SecretBoxError);
  });
});
