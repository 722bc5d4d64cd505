import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception';
import { PaymentsService } from '../../payments/payments.service';
import { StartPayloadRegistry, StartRequest } from '../../telegram/start/start-payload.registry';
import { GrantOutcome } from '../../memberships/grant.service';
import { AccessService } from '../access.service';
import { ManualClaimsService } from '../claims/manual-claims.service';
import { AccessTextKey, accessText } from '../access.texts';

/** What the user is told for each refusal of PaymentsService.redeemClaim. */
const CLAIM_ANSWERS: Record<string, AccessTextKey | 'as_is'> = {
  CLAIM_NOT_FOUND: 'claim.invalid',
  CLAIM_EXPIRED: 'claim.invalid',
  CLAIM_USED: 'claim.taken',
  CLAIM_TAKEN: 'claim.taken',
  // "Not confirmed yet, try again in a minute": payments' own words say it best.
  CLAIM_NOT_PAID: 'as_is',
};

/**
 * `/start claim_<token>`: a web payment made without a Telegram id is bound to the account that
 * opens its link (payments decides: single use, expiring), then its links are delivered. Opening
 * it again from the same account delivers nothing twice (the delivery is named by the grant).
 */
@Injectable()
export class ClaimStartHandler implements OnModuleInit {
  private readonly logger = new Logger(ClaimStartHandler.name);

  constructor(
    private readonly starts: StartPayloadRegistry,
    private readonly payments: PaymentsService,
    private readonly access: AccessService,
    private readonly manualClaims: ManualClaimsService,
  ) {}

  /** A web payment's claim (payments domain), else a seller grant's (ManualClaimsService). */
  private async redeem(token: string, telegramUserId: number): Promise<GrantOutcome> {
    try {
      return (await this.payments.redeemClaim({ token, telegramUserId })).grant;
    } catch (error) {
      if (error instanceof AppException && error.code === 'CLAIM_NOT_FOUND') {
        return this.manualClaims.redeem({ token, telegramUserId });
      }
      throw error;
    }
  }

  onModuleInit(): void {
    this.starts.register('claim', (request) => this.handle(request));
  }

  async handle(request: StartRequest<'claim'>): Promise<void> {
    try {
      const outcome = await this.redeem(request.payload.token, request.user.id);
      await request.reply(accessText('claim.done'));
      await this.access.deliverGrant(outcome.grant, outcome.membership);
    } catch (error) {
      const answer = error instanceof AppException ? CLAIM_ANSWERS[error.code] : undefined;
      if (answer === undefined) {
        this.logger.error(`Claim failed: ${(error as Error).message}`);
        throw error;
      }
      await request.reply(
        answer === 'as_is' ? (error as AppException).message : accessText(answer),
      );
    }
  }
}
