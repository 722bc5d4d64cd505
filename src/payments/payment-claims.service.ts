import { HttpStatus, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { AppException } from '../common/errors/app.exception';
import { GrantOutcome, GrantService } from '../memberships/grant.service';
import { ClaimLinks } from './claim-links';
import { PaymentDecisionsRepository } from './payment-decisions.repository';
import { PaymentRepository } from './payment.repository';
import type { PaymentView } from './payment.types';

export interface ClaimOutcome {
  payment: PaymentView;
  grant: GrantOutcome;
}

/**
 * `/start claim_<token>`: binds a web payment made without a Telegram id to the Telegram account
 * that opens its link, then applies the grant (and the subscription's renewals paid meanwhile).
 * Single use: the first account decides (a unique insert); the same account may open it again.
 * The bot's `claim` deep-link handler (access domain) calls `redeem`.
 */
@Injectable()
export class PaymentClaimsService {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly decisions: PaymentDecisionsRepository,
    private readonly grants: GrantService,
    private readonly claimLinks: ClaimLinks,
    private readonly clock: Clock,
  ) {}

  /**
   * Throws CLAIM_NOT_FOUND (404), CLAIM_EXPIRED (410), CLAIM_NOT_PAID (409: the payment is not
   * confirmed yet, try again in a moment) or CLAIM_USED (409: another account claimed it).
   */
  async redeem(params: { token: string; telegramUserId: number }): Promise<ClaimOutcome> {
    const payment = await this.payments.findByClaimTokenHash(this.claimLinks.hash(params.token));
    if (!payment?.claim) {
      throw AppException.notFound('CLAIM_NOT_FOUND', 'This link is not valid');
    }
    const now = this.clock.now();
    if (payment.claim.claimedBy === undefined && payment.claim.expiresAt <= now) {
      throw new AppException(HttpStatus.GONE, 'CLAIM_EXPIRED', 'This link has expired');
    }
    if (payment.status !== 'succeeded' || !payment.grantId) {
      throw AppException.conflict(
        'CLAIM_NOT_PAID',
        payment.status === 'pending'
          ? 'The payment is not confirmed yet; try again in a minute'
          : `This payment is ${payment.status}`,
      );
    }
    const owner = await this.decisions.decideClaim({
      paymentId: payment.id,
      sellerId: payment.sellerId,
      telegramUserId: params.telegramUserId,
      at: now,
    });
    if (owner !== params.telegramUserId) {
      throw AppException.conflict('CLAIM_USED', 'This link was already used by another account');
    }
    const grant = await this.grants.claim(payment.grantId, params.telegramUserId);
    await this.payments.markClaimed(payment.id, params.telegramUserId, now);
    for (const renewal of await this.payments.listRenewals(payment.id)) {
      if (renewal.status === 'succeeded' && renewal.grantId) {
        await this.grants.claim(renewal.grantId, params.telegramUserId);
      }
    }
    return {
      payment: { ...payment, claim: { ...payment.claim, claimedBy: params.telegramUserId } },
      grant,
    };
  }
}
