import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { AppException } from '../../common/errors/app.exception';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { RefreshTokenService } from '../refresh-tokens/refresh-token.service';
import {
  SellerDisablementRecord,
  SellerDisablementRepository,
} from './seller-disablement.repository';

export const accountDisabled = (): AppException =>
  AppException.forbidden('ACCOUNT_DISABLED', 'This account is disabled');

/**
 * A platform admin's switch on a seller account. Disabling records the decision first, then
 * revokes every API key and ends every session, so nothing issued before it works again when the
 * account is enabled; the guard refuses the account's access tokens (and any credential that
 * slipped past the revocation) while the disablement stands.
 */
@Injectable()
export class SellerDisablementsService {
  constructor(
    private readonly disablements: SellerDisablementRepository,
    private readonly apiKeys: ApiKeysService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly clock: Clock,
  ) {}

  /** Idempotent; a repeated call finishes the revocations of one cut short. */
  async disable(params: {
    sellerId: string;
    by: string;
    reason: string;
  }): Promise<SellerDisablementRecord> {
    const record = await this.disablements.insertOnce({ ...params, disabledAt: this.clock.now() });
    await this.apiKeys.revokeAllFor(params.sellerId);
    await this.refreshTokens.revokeAllFor(params.sellerId, 'account');
    return record;
  }

  /** The seller logs in afresh: the revoked keys and sessions stay revoked. */
  enable(sellerId: string): Promise<void> {
    return this.disablements.remove(sellerId);
  }

  find(sellerId: string): Promise<SellerDisablementRecord | undefined> {
    return this.disablements.find(sellerId);
  }

  /** One `_id` lookup, made on every authenticated seller request. */
  async assertEnabled(sellerId: string): Promise<void> {
    if (await this.disablements.exists(sellerId)) {
      throw accountDisabled();
    }
  }
}
