import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AccessErasureService } from '../access/access-erasure.service';
import { AccessService } from '../access/access.service';
import { Clock } from '../common/clock/clock';
import { AppException } from '../common/errors/app.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MembershipErasureService } from '../memberships/membership-erasure.service';
import { hasAccess, MEMBERSHIP_STATUSES } from '../memberships/membership-status';
import { MembershipRepository } from '../memberships/membership.repository';
import type { MembershipView } from '../memberships/membership.types';
import { EmailService } from '../notifications/email.service';
import { PaymentsService } from '../payments/payments.service';
import { MemberErasureEvent, PrivacyEvents } from './privacy.events';

const DAY_MS = 24 * 3_600_000;
const BATCH = 200;
/** Checkouts never paid are kept this long (support questions), then deleted. */
const UNPAID_PAYMENT_DAYS = 30;
/** Answered join requests and removed strangers: kept this long for support, then forgotten. */
const NON_MEMBER_DAYS = 30;

export interface PrivacyReport {
  erased: number;
  /** Ended, but still being removed from a chat: erased on a later run. */
  waiting: number;
  purgedPayments: number;
  purgedNonMemberRecords: number;
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
    private readonly access: AccessService,
    private readonly emails: EmailService,
    private readonly payments: PaymentsService,
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
      at: this.clock.now(),
    };
    await this.events.emitAsync(PrivacyEvents.MemberErasure, event);
    if (described.paymentIds.length > 0) {
      await this.payments.erasePersonalData({
        sellerId: membership.sellerId,
        paymentIds: described.paymentIds,
      });
    }
    await this.accessErasure.eraseMembership(membership.id, described.grantIds);
    await this.emails.erase({ membershipIds: [membership.id], emails: described.emails });
    await this.membershipErasure.erase(membership, described);
  }
}
