import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  RefreshFamilyRevocation,
  RevocationReason,
} from './schemas/refresh-family-revocation.schema';
import { RefreshToken } from './schemas/refresh-token.schema';

export interface RefreshTokenRecord {
  id: string;
  familyId: string;
  sellerId: string;
  parentId: string;
  expiresAt: Date;
}

export type InsertOutcome = { inserted: true; id: string } | { inserted: false };

@Injectable()
export class RefreshTokenRepository {
  constructor(
    @InjectModel(RefreshToken.name) private readonly tokens: Model<RefreshToken>,
    @InjectModel(RefreshFamilyRevocation.name)
    private readonly revocations: Model<RefreshFamilyRevocation>,
  ) {}

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | undefined> {
    const doc = await this.tokens.findOne({ tokenHash }).lean();
    return doc
      ? {
          id: String(doc._id),
          familyId: doc.familyId,
          sellerId: doc.sellerId,
          parentId: doc.parentId,
          expiresAt: doc.expiresAt,
        }
      : undefined;
  }

  /** `{ inserted: false }` when the parent already has a successor (someone rotated it first). */
  async insert(token: Omit<RefreshToken, never>): Promise<InsertOutcome> {
    try {
      const created = await this.tokens.create(token);
      return { inserted: true, id: String(created._id) };
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return { inserted: false };
      }
      throw error;
    }
  }

  async isFamilyRevoked(familyId: string): Promise<boolean> {
    return (await this.revocations.exists({ _id: familyId })) !== null;
  }

  /** Idempotent: revoking a revoked family keeps the first reason. */
  async revokeFamily(params: {
    familyId: string;
    sellerId: string;
    reason: RevocationReason;
    at: Date;
  }): Promise<void> {
    try {
      await this.revocations.create({
        _id: params.familyId,
        sellerId: params.sellerId,
        reason: params.reason,
        revokedAt: params.at,
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
    }
  }

  familyIdsOf(sellerId: string): Promise<string[]> {
    return this.tokens.distinct('familyId', { sellerId });
  }

  /** Expired tokens are refused anyway; after the retention period they are deleted. */
  async purgeExpired(before: Date): Promise<number> {
    const { deletedCount } = await this.tokens.deleteMany({ expiresAt: { $lt: before } });
    return deletedCount;
  }
}
