import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { RandomTokens } from '../common/crypto/random-tokens';
import { SecretBox } from '../common/crypto/secret-box';
import { TokenHasher } from '../common/crypto/token-hasher';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TelegramGateway } from '../telegram/telegram.gateway';
import type { ClaimRefs } from './payment.types';

/** 24 random bytes: 32 base64url characters, inside Telegram's 64-character start payload. */
const TOKEN_BYTES = 24;

const sealContext = (paymentId: string): string => `payments:${paymentId}:claimToken`;

/**
 * Claim links of web payments made without a Telegram id: `t.me/<bot>?start=claim_<token>`.
 * The token is stored twice: as its sha256 (how an incoming link finds the payment) and sealed
 * with SecretBox, bound to the payment id, because the success page and the receipt e-mail must
 * show it again after the checkout request that made it is gone.
 */
@Injectable()
export class ClaimLinks {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly random: RandomTokens,
    private readonly hasher: TokenHasher,
    private readonly box: SecretBox,
    private readonly gateway: TelegramGateway,
    private readonly clock: Clock,
  ) {}

  create(paymentId: string): ClaimRefs & { tokenHash: string } {
    const token = this.random.urlSafe(TOKEN_BYTES);
    const ttlMs = this.config.payments.claimLinkTtlDays * 24 * 60 * 60 * 1000;
    return {
      tokenHash: this.hasher.hash(token),
      tokenSealed: this.box.seal(token, sealContext(paymentId)),
      expiresAt: new Date(this.clock.now().getTime() + ttlMs),
    };
  }

  hash(token: string): string {
    return this.hasher.hash(token);
  }

  /** The deep link, or undefined while the bot's username is unknown (bot off, or getMe failed). */
  urlFor(paymentId: string, claim: ClaimRefs): string | undefined {
    const username = this.gateway.botInfo?.username;
    if (!username) {
      return undefined;
    }
    const token = this.box.open(claim.tokenSealed, sealContext(paymentId));
    return `https://t.me/${username}?start=claim_${token}`;
  }
}
