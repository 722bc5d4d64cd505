import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { RandomTokens } from '../../common/crypto/random-tokens';
import { TokenHasher } from '../../common/crypto/token-hasher';
import { AppException } from '../../common/errors/app.exception';
import { REFRESH_TOKEN_TTL_MS } from '../auth.constants';
import { RefreshTokenRepository } from './refresh-token.repository';
import { RevocationReason } from './schemas/refresh-family-revocation.schema';

export interface IssuedRefreshToken {
  refreshToken: string;
  familyId: string;
  sellerId: string;
}

const TOKEN_PREFIX = 'mgr_';

/**
 * Which subjects a route's refresh tokens belong to. Seller and admin sessions are families in
 * the same collection, told apart by their subject (a seller id, or `tg:<id>`): each route names
 * its own, so a token presented on the other kind's route is refused before it is rotated or
 * revoked.
 */
export type SubjectFilter = (subject: string) => boolean;

/**
 * Opaque refresh tokens, stored as sha256 hashes, in families: login starts a family, each
 * refresh replaces the presented token with a successor. Presenting a token that already has a
 * successor means it was stolen or replayed, so the whole family is revoked (both the thief and
 * the owner must log in again). See RefreshToken for why the successor insert decides.
 */
@Injectable()
export class RefreshTokenService {
  constructor(
    private readonly repository: RefreshTokenRepository,
    private readonly hasher: TokenHasher,
    private readonly random: RandomTokens,
    private readonly clock: Clock,
  ) {}

  async startFamily(sellerId: string): Promise<IssuedRefreshToken> {
    const familyId = this.random.hex(16);
    const refreshToken = await this.insert({ sellerId, familyId, parentId: `root:${familyId}` });
    if (!refreshToken) {
      throw new Error('A fresh refresh-token family collided: random source is broken');
    }
    return { refreshToken, familyId, sellerId };
  }

  async rotate(presented: string, accepts: SubjectFilter): Promise<IssuedRefreshToken> {
    const current = await this.repository.findByHash(this.hasher.hash(presented));
    if (!current || !accepts(current.sellerId)) {
      throw AppException.unauthorized('INVALID_REFRESH_TOKEN', 'The refresh token is not valid');
    }
    await this.assertFamilyLive(current.familyId);
    if (current.expiresAt <= this.clock.now()) {
      throw AppException.unauthorized('REFRESH_TOKEN_EXPIRED', 'The refresh token has expired');
    }
    const refreshToken = await this.insert({
      sellerId: current.sellerId,
      familyId: current.familyId,
      parentId: current.id,
    });
    if (!refreshToken) {
      await this.revokeFamily(current.familyId, current.sellerId, 'reuse');
      throw AppException.unauthorized(
        'REFRESH_TOKEN_REUSED',
        'This refresh token was already used; every session of this login was ended',
      );
    }
    // A revocation may have landed between our check and our insert; the new token must die too.
    await this.assertFamilyLive(current.familyId);
    return { refreshToken, familyId: current.familyId, sellerId: current.sellerId };
  }

  /** Ends the session the token belongs to; silent for unknown tokens (nothing to reveal). */
  async revokeByToken(presented: string, accepts: SubjectFilter): Promise<void> {
    const current = await this.repository.findByHash(this.hasher.hash(presented));
    if (current && accepts(current.sellerId)) {
      await this.revokeFamily(current.familyId, current.sellerId, 'logout');
    }
  }

  /** Ends every session of a seller (password change, an admin disabling the account). */
  async revokeAllFor(
    sellerId: string,
    reason: RevocationReason,
    options: { exceptFamilyId?: string } = {},
  ): Promise<void> {
    const families = await this.repository.familyIdsOf(sellerId);
    await Promise.all(
      families
        .filter((familyId) => familyId !== options.exceptFamilyId)
        .map((familyId) => this.revokeFamily(familyId, sellerId, reason)),
    );
  }

  async purgeExpired(retentionMs: number): Promise<number> {
    return this.repository.purgeExpired(new Date(this.clock.now().getTime() - retentionMs));
  }

  private async insert(params: {
    sellerId: string;
    familyId: string;
    parentId: string;
  }): Promise<string | undefined> {
    const refreshToken = `${TOKEN_PREFIX}${this.random.urlSafe(32)}`;
    const now = this.clock.now();
    const outcome = await this.repository.insert({
      ...params,
      tokenHash: this.hasher.hash(refreshToken),
      createdAt: now,
      expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
    });
    return outcome.inserted ? refreshToken : undefined;
  }

  private async assertFamilyLive(familyId: string): Promise<void> {
    if (await this.repository.isFamilyRevoked(familyId)) {
      throw AppException.unauthorized('REFRESH_TOKEN_REVOKED', 'This session has ended');
    }
  }

  private revokeFamily(familyId: string, sellerId: string, reason: RevocationReason) {
    return this.repository.revokeFamily({ familyId, sellerId, reason, at: this.clock.now() });
  }
}
