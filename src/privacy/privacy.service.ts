import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AccessErasureService } from '../access/access-erasure.service';
import { ManualClaimsService } from '../access/claims/manual-claims.service';
import { AccessService } from '../access/access.service';
import { Clock } from '../common/clock/clock';
import { AppException } from '../common/errors/app.exception';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MembershipErasureService } from '../memberships/membership-erasure.service';
import { hasAccess, MEMBERSHIP_STATUSES, MembershipStatus } from '../memberships/membership-status';
import { MembershipRepository } from '../memberships/membership.repository';
import type { MembershipView } from '../memberships/membership.types';
import { EmailService } from '../notifications/email.service';
import { PaymentErasureService } from '../payments/payment-erasure.service';
import { PaymentsService } from '../payments/payments.service';
import { MemberErasureEvent, PrivacyEvents, UnclaimedPaymentErasureEvent } from './privacy.events';

const DAY_MS = 24 * 3_600_000;
const BATCH = 200;
/** Checkouts never paid are kept this long (support questions), then deleted. */
const UNPAID_PAYMENT_DAYS = 30;
/** Answered join requests and removed strangers: kept this long for support, then forgotten. */
const NON_MEMBER_DAYS = 30;
/** A membership in these still serves its user (see MemberErasureEvent.liveMembershipsRemain). */
const LIVE_STATUSES: readonly MembershipStatus[] = ['pending', 'active', 'grace'];
/** Bounds one run's look at unclaimed web payments (BATCH each). */
const MAX_UNCLAIMED_BATCHES = 50;

export interface PrivacyReport {
  erased: number;
  /** Ended, but still being removed from a chat: erased on a later run. */
  waiting: number;
  purgedPayments: number;
  purgedNonMemberRecords: number;
  /** Web payments never claimed whose buyer's contact details went. */
  erasedUnclaimedPayments: number;
  /** Sellers' grants to a customer known by the seller's id whose claim link expired unused. */
  erasedUnclaimedSellerGrants: number;
}

export type ErasureRequestOutcome = 'erased' | 'scheduled';

/**
 * Erases the personal data of members whose access ended more than RETENTION_DAYS ago (and of
 * members a seller asked to erase): contact details, Telegram ids, links, messages and e-mails,
 * keeping the anonymised financial record (amount, currency, date, plan). Every step is
 * idempotent and the membership is marked erased last, so a run that fails midway is finished by
 * the next one.
 */
@Injectable()
export class PrivacyService {
  private readonly logger = new Logger(PrivacyService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly memberships: MembershipRepository,
    private readonly membershipErasure: MembershipErasureService,
    private readonly accessErasure: AccessErasureService,
    private readonly manualClaims: ManualClaimsService,
    private readonly access: AccessService,
    private readonly emails: EmailService,
    private readonly payments: PaymentsService,
    private readonly paymentErasure: PaymentErasureService,
    private readonly idempotency: IdempotencyService,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  /** The daily job (PRIVACY_CRON). */
  async runDaily(): Promise<PrivacyReport> {
    const now = this.clock.now();
    const report: PrivacyReport = {
      erased: 0,
      waiting: 0,
      purgedPayments: 0,
      purgedNonMemberRecords: 0,
      erasedUnclaimedPayments: 0,
      erasedUnclaimedSellerGrants: 0,
    };
    const endedBefore = new Date(now.getTime() - this.config.privacy.retentionDays * DAY_MS);
    const seen = new Set<string>();
    for (;;) {
      const batch = (await this.memberships.findErasable({ endedBefore, limit: BATCH })).filter(
        (m) => !seen.has(m.id),
      );
      if (batch.length === 0) {
        break;
      }
      for (const membership of batch) {
        seen.add(membership.id);
        if (await this.eraseIfRemoved(membership)) {
          report.erased += 1;
        } else {
          report.waiting += 1;
        }
      }
    }
    const requested = await this.runRequested();
    report.erased += requested.erased;
    report.waiting += requested.waiting;
    report.purgedPayments = await this.payments.purgeUnpaid({
      olderThan: new Date(now.getTime() - UNPAID_PAYMENT_DAYS * DAY_MS),
    });
    report.purgedNonMemberRecords = await this.accessErasure.purgeBefore(
      new Date(now.getTime() - NON_MEMBER_DAYS * DAY_MS),
    );
    report.erasedUnclaimedPayments = await this.eraseUnclaimedPayments(endedBefore);
    report.erasedUnclaimedSellerGrants = await this.eraseExpiredManualClaims(endedBefore);
    this.logger.log(`Privacy run: ${JSON.stringify(report)}`);
    return report;
  }

  /** Erasures sellers asked for, once their removal from the chats is done (every minute). */
  async runRequested(): Promise<{ erased: number; waiting: number }> {
    const result = { erased: 0, waiting: 0 };
    for (const membership of await this.memberships.findErasureRequested(BATCH)) {
      if (await this.eraseIfRemoved(membership)) {
        result.erased += 1;
      } else {
        result.waiting += 1;
      }
    }
    return result;
  }

  /**
   * `DELETE /api/sellers/members/:id`: a member still in the chats is removed first (access
   * revoked at once); the data goes as soon as the removal is done (at once when nothing is left
   * to remove).
   */
  async requestErasure(sellerId: string, membershipId: string): Promise<ErasureRequestOutcome> {
    const membership = await this.memberships.findForSeller(sellerId, membershipId);
    if (!membership || membership.personalDataErasedAt) {
      throw AppException.notFound('MEMBER_NOT_FOUND', 'No such member');
    }
    if (hasAccess(membership.status)) {
      await this.access.revoke(membership.id, 'erasure requested by the seller');
    }
    if (!membership.erasureRequestedAt) {
      await this.memberships.update(membership.id, { erasureRequestedAt: this.clock.now() });
    }
    const current = (await this.memberships.findById(membership.id)) ?? membership;
    return (await this.eraseIfRemoved(current)) ? 'erased' : 'scheduled';
  }

  private async eraseIfRemoved(membership: MembershipView): Promise<boolean> {
    if (await this.accessErasure.removalPending(membership.id)) {
      return false;
    }
    await this.erase(membership);
    return true;
  }

  private async erase(membership: MembershipView): Promise<void> {
    const described = await this.membershipErasure.describe(membership);
    const others = await this.memberships.findByTelegramUser(
      membership.telegramUserId,
      MEMBERSHIP_STATUSES,
    );
    const event: MemberErasureEvent = {
      sellerId: membership.sellerId,
      membershipId: membership.id,
      telegramUserId: membership.telegramUserId,
      emails: described.emails,
      paymentIds: described.paymentIds,
      test: membership.test,
      otherMembershipsRemain: others.some((m) => m.id !== membership.id),
      liveMembershipsRemain: others.some(
        (m) => m.id !== membership.id && LIVE_STATUSES.includes(m.status),
      ),
      at: this.clock.now(),
    };
    await this.events.emitAsync(PrivacyEvents.MemberErasure, event);
    if (described.paymentIds.length > 0) {
      await this.paymentErasure.erasePersonalData({
        sellerId: membership.sellerId,
        paymentIds: described.paymentIds,
      });
    }
    await this.idempotency.eraseAnswersConcerning({
      sellerId: membership.sellerId,
      telegramUserIds: [membership.telegramUserId],
      grantIds: described.grantIds,
      paymentIds: described.paymentIds,
    });
    await this.accessErasure.eraseMembership(membership.id, described.grantIds);
    await this.emails.erase({ membershipIds: [membership.id], emails: described.emails });
    await this.membershipErasure.erase(membership, described);
  }

  /**
   * Web payments made without a Telegram id and never claimed: once the claim link expired and
   * the paid time is over, both more than RETENTION_DAYS ago (the retention ended memberships
   * get, for support questions), the buyer's contact details go from the grants, the payments,
   * the stored API answers and the sellers' webhook logs; the anonymised financial record stays.
   */
  private async eraseUnclaimedPayments(endedBefore: Date): Promise<number> {
    let erased = 0;
    let skip = 0;
    for (let round = 0; round < MAX_UNCLAIMED_BATCHES; round += 1) {
      const scan = await this.paymentErasure.scanUnclaimed({ endedBefore, skip, limit: BATCH });
      for (const unclaimed of scan.ended) {
        // The payment last: erasing it takes it off the list, so a run that stops midway is
        // finished by the next one.
        await this.membershipErasure.eraseUnclaimedGrants(unclaimed.grantIds);
        await this.idempotency.eraseAnswersConcerning({
          sellerId: unclaimed.sellerId,
          telegramUserIds: [],
          grantIds: unclaimed.grantIds,
          paymentIds: unclaimed.paymentIds,
        });
        const event: UnclaimedPaymentErasureEvent = {
          sellerId: unclaimed.sellerId,
          paymentIds: unclaimed.paymentIds,
        };
        await this.events.emitAsync(PrivacyEvents.UnclaimedPaymentErasure, event);
        await this.paymentErasure.erasePersonalData(unclaimed);
        erased += 1;
      }
      skip += scan.kept;
      if (scan.read < BATCH) {
        break;
      }
    }
    return erased;
  }

  /**
   * Claim links of sellers' grants (to a customer known only by the seller's own id) that expired
   * more than RETENTION_DAYS ago: a grant nobody claimed forgets that id, and the claim goes. The
   * claim last, so a run that stops midway is finished by the next one.
   */
  private async eraseExpiredManualClaims(endedBefore: Date): Promise<number> {
    let erased = 0;
    for (let round = 0; round < MAX_UNCLAIMED_BATCHES; round += 1) {
      const claims = await this.manualClaims.expiredBefore(endedBefore, BATCH);
      erased += await this.membershipErasure.eraseUnclaimedGrants(claims.map((c) => c.grantId));
      await this.manualClaims.delete(claims.map((c) => c.id));
      if (claims.length < BATCH) {
        break;
      }
    }
    return erased;
  }
}
