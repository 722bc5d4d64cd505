import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored secret could not be opened: wrong or retired key, tampering, or a wrong context. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

interface Key {
  id: string;
  bytes: Buffer;
}

/**
 * Encrypts secrets we must use later (sellers' Stripe keys, webhook signing secrets) with
 * AES-256-GCM. The ciphertext names its key (`v1:<keyId>:<iv>:<tag>:<data>`, base64url parts), so
 * after a rotation (new ENCRYPTION_KEY, old one moved to ENCRYPTION_KEYS_PREVIOUS) old values still
 * open while the owning domains re-encrypt them with `reseal`. The `context` (for example
 * `payment_settings:<sellerId>:stripeSecretKey`) is bound as additional authenticated data: a
 * ciphertext copied into another seller's row or another field does not open.
 */
@Injectable()
export class SecretBox {
  private readonly current: Key;
  private readonly keys: Map<string, Key>;

  constructor(
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'encryptionKey' | 'previousEncryptionKeys'>,
  ) {
    this.current = toKey(config.encryptionKey);
    this.keys = new Map(
      [this.current, ...config.previousEncryptionKeys.map(toKey)].map((k) => [k.id, k]),
    );
  }

  /** The id of the key new ciphertexts are made with. */
  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.current.bytes, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, this.current.id, b64(iv), b64(tag), b64(data)].join(':');
  }

  open(sealed: string, context: string): string {
    const parts = parse(sealed);
    const key = this.keys.get(parts.keyId);
    if (!key) {
      throw new SecretBoxError(`No configured key has id ${parts.keyId}`);
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, key.bytes, parts.iv, {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(parts.tag);
      return Buffer.concat([decipher.update(parts.data), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('Ciphertext does not authenticate (tampered, or wrong context)');
    }
  }

  /** True when the value was sealed with the current key (nothing to re-encrypt). */
  isCurrent(sealed: string): boolean {
    return parse(sealed).keyId === this.current.id;
  }

  /** The same secret sealed with the current key; unchanged when it already is. */
  reseal(sealed: string, context: string): string {
    return this.isCurrent(sealed) ? sealed : this.seal(this.open(sealed, context), context);
  }
}

/** A short public fingerprint of a key: never the key, enough to pick it from the keyring. */
export function keyIdOf(bytes: Buffer): string {
  return createHash('sha256').update('membergate:key-id:').update(bytes).digest('hex').slice(0, 12);
}

function toKey(bytes: Buffer): Key {
  if (bytes.length !== 32) {
    throw new SecretBoxError('Encryption keys must be 32 bytes');
  }
  return { id: keyIdOf(bytes), bytes };
}

function parse(sealed: string): { keyId: string; iv: Buffer; tag: Buffer; data: Buffer } {
  const parts = sealed.split(':');
  if (parts.length !== 5 || parts[0] !== VERSION) {
    throw new SecretBoxError('Not a v1 SecretBox ciphertext');
  }
  const [, keyId, iv, tag, data] = parts as [string, string, string, string, string];
  return {
    keyId,
    iv: Buffer.from(iv, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
    data: Buffer.from(data, 'base64url'),
  };
}

function b64(buffer: Buffer): string {
  return buffer.toString('base64url');
}
