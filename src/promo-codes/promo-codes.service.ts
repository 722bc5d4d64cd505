import { HttpStatus, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { AppException } from '../common/errors/app.exception';
import { PlansService } from '../plans/plans.service';
import type { CreatePromoCodeDto } from './dto/create-promo-code.dto';
import type { PromoCodeDto } from './dto/promo-code.dto';
import type { UpdatePromoCodeDto } from './dto/update-promo-code.dto';
import { discountMinor, PromoDiscountRule } from './promo-discount';
import { PromoCodeFields, PromoCodeRecord, PromoCodeRepository } from './promo-code.repository';
import { PromoRedemptionRepository } from './promo-redemption.repository';

/** What a code takes off one checkout. */
export interface PromoQuote {
  promoCodeId: string;
  code: string;
  discountMinor: number;
  maxRedemptions: number | null;
}

const unprocessable = (code: string, message: string, details?: unknown): AppException =>
  new AppException(HttpStatus.UNPROCESSABLE_ENTITY, code, message, details);
const notFound = (): AppException =>
  AppException.notFound('PROMO_CODE_NOT_FOUND', 'No such promo code');
/** One answer for "no such code" and "not for this plan", so codes cannot be probed per plan. */
const invalid = (): AppException =>
  unprocessable('PROMO_CODE_INVALID', 'This promo code is not valid for this plan');

/**
 * Sellers' promo codes (CRUD, seller-scoped) and what checkout asks of them: a quote (is the code
 * usable for this plan and price, and for how much) and a redemption (a slot, counted by insert;
 * see PromoRedemption) that an unpaid checkout gives back.
 */
@Injectable()
export class PromoCodesService {
  constructor(
    private readonly codes: PromoCodeRepository,
    private readonly redemptions: PromoRedemptionRepository,
    private readonly plans: PlansService,
    private readonly clock: Clock,
  ) {}

  async create(sellerId: string, dto: CreatePromoCodeDto): Promise<PromoCodeDto> {
    const planIds = dto.planIds ?? [];
    await this.requirePlans(sellerId, planIds);
    if (dto.percentOff === undefined && dto.currency === undefined) {
      throw AppException.badRequest(
        'VALIDATION_FAILED',
        'currency is required with amountOffMinor',
      );
    }
    const now = this.clock.now();
    const created = await this.codes.create({
      sellerId,
      code: dto.code,
      percentOff: dto.percentOff ?? null,
      amountOffMinor: dto.amountOffMinor ?? null,
      currency: dto.percentOff === undefined ? (dto.currency ?? null) : null,
      planIds,
      expiresAt: dto.expiresAt ? new Date(dto.expiresAt) : null,
      maxRedemptions: dto.maxRedemptions ?? null,
      active: dto.active ?? true,
      createdAt: now,
    });
    if (!created) {
      throw AppException.conflict(
        'PROMO_CODE_EXISTS',
        `You already have a promo code ${dto.code.toUpperCase()}`,
      );
    }
    return this.toDto(created, 0);
  }

  async list(sellerId: string): Promise<PromoCodeDto[]> {
    const codes = await this.codes.listLive(sellerId);
    const counts = await this.redemptions.countMany(codes.map((c) => c.id));
    return codes.map((code) => this.toDto(code, counts.get(code.id) ?? 0));
  }

  async get(sellerId: string, id: string): Promise<PromoCodeDto> {
    const code = await this.require(sellerId, id);
    return this.toDto(code, await this.redemptions.count(code.id));
  }

  async update(sellerId: string, id: string, dto: UpdatePromoCodeDto): Promise<PromoCodeDto> {
    const current = await this.require(sellerId, id);
    if (dto.planIds !== undefined) {
      await this.requirePlans(sellerId, dto.planIds);
    }
    const fields: PromoCodeFields = {
      percentOff: current.percentOff,
      amountOffMinor: current.amountOffMinor,
      currency: current.currency,
      planIds: dto.planIds ?? current.planIds,
      expiresAt:
        dto.expiresAt === undefined
          ? current.expiresAt
          : dto.expiresAt === null
            ? null
            : new Date(dto.expiresAt),
      maxRedemptions:
        dto.maxRedemptions === undefined ? current.maxRedemptions : dto.maxRedemptions,
      active: dto.active ?? current.active,
      updatedAt: this.clock.now(),
    };
    if (!(await this.codes.update(sellerId, id, fields))) {
      throw notFound();
    }
    return this.get(sellerId, id);
  }

  async remove(sellerId: string, id: string): Promise<void> {
    if (!(await this.codes.softDelete(sellerId, id, this.clock.now()))) {
      throw notFound();
    }
  }

  /**
   * Checks a code typed at checkout against the plan being bought and prices it. Throws 422
   * PROMO_CODE_INVALID, PROMO_CODE_EXPIRED or PROMO_CODE_EXHAUSTED.
   */
  async quote(params: {
    sellerId: string;
    code: string;
    planId: string;
    currency: string;
    priceMinor: number;
  }): Promise<PromoQuote> {
    const promo = await this.codes.findByCode(params.sellerId, params.code);
    if (!promo || !promo.active) {
      throw invalid();
    }
    if (promo.planIds.length > 0 && !promo.planIds.includes(params.planId)) {
      throw invalid();
    }
    if (promo.currency !== null && promo.currency !== params.currency) {
      throw invalid();
    }
    if (promo.expiresAt && promo.expiresAt <= this.clock.now()) {
      throw unprocessable('PROMO_CODE_EXPIRED', 'This promo code has expired');
    }
    if (
      promo.maxRedemptions !== null &&
      (await this.redemptions.count(promo.id)) >= promo.maxRedemptions
    ) {
      throw exhausted();
    }
    return {
      promoCodeId: promo.id,
      code: promo.code,
      discountMinor: discountMinor(ruleOf(promo), params.priceMinor),
      maxRedemptions: promo.maxRedemptions,
    };
  }

  /** Takes one of the code's uses for this payment, or throws 422 PROMO_CODE_EXHAUSTED. */
  async redeem(params: { quote: PromoQuote; sellerId: string; paymentId: string }): Promise<void> {
    const taken = await this.redemptions.redeem({
      promoCodeId: params.quote.promoCodeId,
      sellerId: params.sellerId,
      paymentId: params.paymentId,
      maxRedemptions: params.quote.maxRedemptions,
      at: this.clock.now(),
    });
    if (!taken) {
      throw exhausted();
    }
  }

  /** An unpaid checkout (expired, failed) gives its use of the code back. Idempotent. */
  release(params: { promoCodeId: string; paymentId: string }): Promise<void> {
    return this.redemptions.release(params.promoCodeId, params.paymentId);
  }

  private async require(sellerId: string, id: string): Promise<PromoCodeRecord> {
    const code = await this.codes.findLive(sellerId, id);
    if (!code) {
      throw notFound();
    }
    return code;
  }

  private async requirePlans(sellerId: string, planIds: string[]): Promise<void> {
    const found = await Promise.all(planIds.map((id) => this.plans.findById(sellerId, id)));
    const missing = planIds.filter((_, i) => found[i] === undefined);
    if (missing.length > 0) {
      throw unprocessable('PLAN_NOT_FOUND', `No such plan: ${missing.join(', ')}`, {
        planIds: missing,
      });
    }
  }

  private toDto(code: PromoCodeRecord, redemptions: number): PromoCodeDto {
    const { sellerId: _seller, ...rest } = code;
    return { ...rest, redemptions };
  }
}

function exhausted(): AppException {
  return unprocessable('PROMO_CODE_EXHAUSTED', 'This promo code has been used up');
}

function ruleOf(promo: PromoCodeRecord): PromoDiscountRule {
  return promo.percentOff !== null
    ? { percentOff: promo.percentOff, amountOffMinor: null, currency: null }
    : {
        percentOff: null,
        amountOffMinor: promo.amountOffMinor ?? 0,
        currency: promo.currency ?? '',
      };
}
