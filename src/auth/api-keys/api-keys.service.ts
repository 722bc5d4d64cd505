import { HttpStatus, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { RandomTokens } from '../../common/crypto/random-tokens';
import { TokenHasher } from '../../common/crypto/token-hasher';
import { AppException } from '../../common/errors/app.exception';
import { MAX_API_KEYS_PER_SELLER } from '../auth.constants';
import { ApiKeyScope, AuthenticatedSeller } from '../principal';
import { ApiKeyRecord, ApiKeyRepository } from './api-key.repository';

export type ApiKeyView = Omit<ApiKeyRecord, 'keyHash' | 'sellerId' | 'revokedAt'>;

/** `mg_<12 hex prefix>_<43 base64url chars = 256 random bits>` */
const KEY_FORMAT = /^(mg_[0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly hasher: TokenHasher,
    private readonly random: RandomTokens,
    private readonly clock: Clock,
  ) {}

  /** The answer carries `key`, the only time it is ever shown. */
  async create(params: {
    sellerId: string;
    name: string;
    scopes: ApiKeyScope[];
  }): Promise<ApiKeyView & { key: string }> {
    // Count-then-insert can overshoot by a concurrent request or two; it is a quota, not a decision.
    if ((await this.keys.countLive(params.sellerId)) >= MAX_API_KEYS_PER_SELLER) {
      throw new AppException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'API_KEY_LIMIT_REACHED',
        `A seller may have at most ${MAX_API_KEYS_PER_SELLER} API keys; revoke one first`,
      );
    }
    const prefix = `mg_${this.random.hex(6)}`;
    const key = `${prefix}_${this.random.urlSafe(32)}`;
    const record = await this.keys.create({
      sellerId: params.sellerId,
      name: params.name,
      scopes: [...new Set(params.scopes)],
      prefix,
      keyHash: this.hasher.hash(key),
      createdAt: this.clock.now(),
    });
    return { ...toView(record), key };
  }

  async list(sellerId: string): Promise<ApiKeyView[]> {
    return (await this.keys.listLive(sellerId)).map(toView);
  }

  async revoke(sellerId: string, id: string): Promise<void> {
    if (!(await this.keys.revoke(sellerId, id, this.clock.now()))) {
      throw AppException.notFound('API_KEY_NOT_FOUND', 'No such API key');
    }
  }

  /** An admin disabled the account. */
  revokeAllFor(sellerId: string): Promise<number> {
    return this.keys.revokeAll(sellerId, this.clock.now());
  }

  /** The seller a presented X-API-Key acts for, or undefined for anything not a live key. */
  async authenticate(presented: string): Promise<AuthenticatedSeller | undefined> {
    const match = KEY_FORMAT.exec(presented);
    if (!match) {
      return undefined;
    }
    const record = await this.keys.findByPrefix(match[1]);
    if (!record || record.revokedAt !== null || !this.hasher.matches(presented, record.keyHash)) {
      return undefined;
    }
    // A key acts as a seller, never as an admin: admin work needs an interactive session.
    return {
      id: record.sellerId,
      role: 'seller',
      via: 'api_key',
      scopes: record.scopes,
      apiKeyId: record.id,
    };
  }
}

function toView(record: ApiKeyRecord): ApiKeyView {
  return {
    id: record.id,
    name: record.name,
    prefix: record.prefix,
    scopes: record.scopes,
    createdAt: record.createdAt,
  };
}
