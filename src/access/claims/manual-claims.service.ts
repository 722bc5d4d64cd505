import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { RandomTokens } from '../../common/crypto/random-tokens';
import { TokenHasher } from '../../common/crypto/token-hasher';
import { AppException } from '../../common/errors/app.exception';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { GrantOutcome, GrantService } from '../../memberships/grant.service';
import { TelegramGateway } from '../../telegram/telegram.gateway';
import { ManualClaimRepository } from './manual-claim.repository';

/** 24 random bytes: 32 base64url characters, well inside Telegram's 64-character start payload. */
const TOKEN_BYTES = 24;
const DAY_MS = 24 * 3_600_000;

export interface IssuedClaim {
  token: string;
  /** `https://t.me/<bot>?start=claim_<token>`; undefined while the bot's username is unknown. */
  url?: string;
  expiresAt: Date;
}

/**
 * Claim links for a seller's grants to customers known only by the seller's own id (the bot's
 * claim deep link tries the payments domain's claims first, then these). The token is stored as
 * its sha256 only.
 */
@Injectable()
export class ManualClaimsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly claims: ManualClaimRepository,
    private readonly random: RandomTokens,
    private readonly hasher: TokenHasher,
    private readonly grants: GrantService,
    private readonly gateway: TelegramGateway,
    private readonly clock: Clock,
  ) {}

  async issue(params: { grantId: string; sellerId: string }): Promise<IssuedClaim> {
    const token = this.random.urlSafe(TOKEN_BYTES);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.payments.claimLinkTtlDays * DAY_MS);
    await this.claims.insert({
      _id: this.hasher.hash(token),
      grantId: params.grantId,
      sellerId: params.sellerId,
      expiresAt,
      createdAt: now,
    });
    const username = this.gateway.botInfo?.username;
    return {
      token,
      ...(username ? { url: `https://t.me/${username}?start=claim_${token}` } : {}),
      expiresAt,
    };
  }

  /** Throws CLAIM_NOT_FOUND, CLAIM_EXPIRED or CLAIM_TAKEN (another account claimed it). */
  async redeem(params: { token: string; telegramUserId: number }): Promise<GrantOutcome> {
    const claim = await this.claims.findById(this.hasher.hash(params.token));
    if (!claim) {
      throw AppException.notFound('CLAIM_NOT_FOUND', 'This link is not valid');
    }
    const grant = await this.grants.find(claim.grantId);
    if (grant?.telegramUserId === undefined && claim.expiresAt <= this.clock.now()) {
      throw new AppException(HttpStatus.GONE, 'CLAIM_EXPIRED', 'This link has expired');
    }
    return this.grants.claim(claim.grantId, params.telegramUserId);
  }

  /** Claims whose link expired before `before`, oldest first (the privacy job's batches). */
  async expiredBefore(
    before: Date,
    limit: number,
  ): Promise<Array<{ id: string; grantId: string }>> {
    const claims = await this.claims.expiredBefore(before, limit);
    return claims.map((c) => ({ id: c._id, grantId: c.grantId }));
  }

  delete(ids: string[]): Promise<void> {
    return this.claims.deleteByIds(ids);
  }

  deleteForGrants(grantIds: string[]): Promise<void> {
    return this.claims.deleteForGrants(grantIds);
  }
}
