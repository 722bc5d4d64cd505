import { isDuplicateKeyError } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MembershipLifecycleService } from './membership-lifecycle.service';
import { MembershipPeriodRepository } from './membership-period.repository';
import { MembershipRepository } from './membership.repository';
import { MembershipView, PeriodView } from './membership.types';

const DAY_MS = 24 * 3_600_000;
/**
 * How long past its paid end a recurring membership keeps access while its renewal is on the
 * way, whatever GRACE_DAYS says (GRACE_DAYS=0 means no grace for a failed payment, not removal
 * before the renewal can arrive): Stripe charges a renewal invoice about an hour after the period
 * starts, and Telegram reports a Star renewal once it has charged.
 */
export const RENEWAL_SETTLE_MS = 2 * 3_600_000;
const MAX_APPEND_ATTEMPTS = 20;

/** What the expiry sweep concluded for one membership, from its ledger. */
export type ExpiryOutcome =
  /** The ledger proves paid time after now (a renewal the cache missed): nothing to remove. */
  | { type: 'still_paid'; paidUntil: Date }
  /** A recurring membership whose renewal may still arrive: access kept until graceEndsAt. */
  | { type: 'grace'; graceEndsAt: Date }
  /** Paid time (and grace) is over: the member must leave every chat of the plan. */
  | { type: 'expired'; periodSeq: number }
  /** Someone else moved it meanwhile (a renewal, a removal): nothing to do now. */
  | { type: 'unchanged' };

/**
 * The membership lifecycle rules other domains call: grace after a failed renewal, a stopped
 * subscription, revocation of paid time, and the expiry decision. Telegram side effects (removal
 * from the chats, messages) belong to the access domain, which acts on what these return.
 */
@Injectable()
export class MembershipsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly memberships: MembershipRepository,
    private readonly periods: MembershipPeriodRepository,
    private readonly lifecycle: MembershipLifecycleService,
    private readonly clock: Clock,
  ) {}

  findById(id: string): Promise<MembershipView | undefined> {
    return this.memberships.findById(id);
  }

  /** `ledgerSeq`: the membership's hint, where probing the ledger starts (see MembershipView). */
  latestPeriod(membershipId: string, ledgerSeq?: number): Promise<PeriodView | undefined> {
    return this.periods.findLatest(membershipId, ledgerSeq);
  }

  findBySubscription(stripeSubscriptionId: string): Promise<MembershipView | undefined> {
    return this.memberships.findBySubscription(stripeSubscriptionId);
  }

  /**
   * A renewal failed (Stripe invoice.payment_failed): the member keeps access for GRACE_DAYS after
   * the paid time ends, while the payment is retried. Idempotent; a membership that is not active
   * (already in grace, expired, removed) is left as it is. Returns the membership in grace.
   */
  async startGrace(params: {
    membershipId?: string;
    stripeSubscriptionId?: string;
    reason: string;
  }): Promise<MembershipView | undefined> {
    const membership = params.membershipId
      ? await this.memberships.findById(params.membershipId)
      : params.stripeSubscriptionId
        ? await this.memberships.findBySubscription(params.stripeSubscriptionId)
        : undefined;
    if (!membership || membership.status !== 'active') {
      return membership?.status === 'grace' ? membership : undefined;
    }
    const now = this.clock.now();
    const paid =
      paidUntilOf(await this.periods.findLatest(membership.id, membership.ledgerSeq)) ?? now;
    const graceEndsAt = this.graceEnd(paid > now ? paid : now);
    const moved = await this.lifecycle.transition({
      membership,
      to: 'grace',
      reason: params.reason,
      patch: { graceEndsAt },
    });
    return moved ? { ...membership, status: 'grace', graceEndsAt } : undefined;
  }

  /** The subscription was cancelled: no renewal will come, so no grace when the paid time ends. */
  async stopRenewal(params: { stripeSubscriptionId: string }): Promise<MembershipView | undefined> {
    const membership = await this.memberships.findBySubscription(params.stripeSubscriptionId);
    if (membership && !membership.renewalStoppedAt) {
      const renewalStoppedAt = this.clock.now();
      await this.memberships.update(membership.id, { renewalStoppedAt });
      return { ...membership, renewalStoppedAt };
    }
    return membership;
  }

  /**
   * Ends all paid time now (refund, seller's removal) with a revocation entry in the ledger, so
   * the ledger, which the removal re-checks, agrees that access is over. A later payment starts a
   * fresh period. Returns the revocation's seq. `ledgerSeq` is the membership's probe hint.
   */
  async revokePaidTime(params: {
    membershipId: string;
    reason: string;
    ledgerSeq?: number;
  }): Promise<number> {
    let hintSeq = params.ledgerSeq;
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt += 1) {
      const last = await this.periods.findLatest(params.membershipId, hintSeq);
      if (last?.kind === 'revoked' && last.endsAt <= this.clock.now()) {
        return last.seq;
      }
      const seq = (last?.seq ?? 0) + 1;
      try {
        const entry = await this.periods.insertRevocation({
          membershipId: params.membershipId,
          seq,
          at: this.clock.now(),
          reason: params.reason,
        });
        return entry.seq;
      } catch (error) {
        if (!isDuplicateKeyError(error)) {
          throw error;
        }
        // Someone took the slot (only the slot can collide: a revocation's grantId names it);
        // revoke after them, unless they revoked already.
        hintSeq = seq;
      }
    }
    throw new Error(`Could not append a revocation for ${params.membershipId}`);
  }

  /**
   * The expiry decision for memberships the sweep found past their cached end (active) or past
   * their grace (grace), a batch at a time. The ledger is the truth: time it proves is kept (and
   * the cache repaired); recurring memberships get the grace window first (a renewal webhook may
   * arrive late); the rest expire together. Outcomes in input order.
   */
  async settleExpiries(memberships: MembershipView[]): Promise<ExpiryOutcome[]> {
    const now = this.clock.now();
    const latest = await this.periods.latestOf(memberships);
    const outcomes = new Map<string, ExpiryOutcome>();
    const expiring: MembershipView[] = [];
    for (const membership of memberships) {
      const entry = latest.get(membership.id);
      const paid = paidUntilOf(entry);
      if (paid && paid > now) {
        await this.repairFromLedger(membership, paid);
        outcomes.set(membership.id, { type: 'still_paid', paidUntil: paid });
      } else if (membership.status === 'active' && this.mayRenew(membership)) {
        outcomes.set(
          membership.id,
          await this.startEndGrace({ membership, paid: paid ?? now, periodSeq: entry?.seq ?? 0 }),
        );
      } else if (
        membership.status === 'grace' &&
        membership.graceEndsAt &&
        membership.graceEndsAt > now
      ) {
        outcomes.set(membership.id, { type: 'unchanged' });
      } else {
        expiring.push(membership);
      }
    }
    const expired = await this.lifecycle.endMany({
      memberships: expiring,
      to: 'expired',
      reason: (m) =>
        m.status === 'grace' ? 'grace period ended without payment' : 'paid time ended',
    });
    for (const membership of expired) {
      outcomes.set(membership.id, {
        type: 'expired',
        periodSeq: latest.get(membership.id)?.seq ?? 0,
      });
    }
    return memberships.map((m) => outcomes.get(m.id) ?? { type: 'unchanged' });
  }

  private mayRenew(membership: MembershipView): boolean {
    return membership.billing === 'recurring' && !membership.renewalStoppedAt && !membership.test;
  }

  private async startEndGrace(params: {
    membership: MembershipView;
    paid: Date;
    periodSeq: number;
  }): Promise<ExpiryOutcome> {
    const { membership, paid, periodSeq } = params;
    const graceEndsAt = new Date(
      paid.getTime() + Math.max(this.config.access.graceDays * DAY_MS, RENEWAL_SETTLE_MS),
    );
    if (graceEndsAt <= this.clock.now()) {
      const [expired] = await this.lifecycle.endMany({
        memberships: [membership],
        to: 'expired',
        reason: () => 'paid time ended',
      });
      return expired ? { type: 'expired', periodSeq } : { type: 'unchanged' };
    }
    const moved = await this.lifecycle.transition({
      membership,
      to: 'grace',
      reason: 'paid period ended without a renewal yet',
      patch: { graceEndsAt },
    });
    return moved ? { type: 'grace', graceEndsAt } : { type: 'unchanged' };
  }

  /**
   * Asked right before removing someone from a chat (the sweep read the ledger when it expired
   * them): did paid time arrive since? GrantService writes the cached end after appending its
   * period, so a renewal that landed after the sweep shows as an end in the future, also when the
   * sweep's status write came last (then the membership is brought back to active here). Read by
   * id only: on FerretDB a ledger query per removal would scan the whole ledger. A seller's
   * removal or a refund is final (its revocation entry ends the paid time anyway).
   */
  async keepsAccess(membership: MembershipView): Promise<boolean> {
    if (membership.status === 'removed' || membership.status === 'cancelled') {
      return false;
    }
    const now = this.clock.now();
    if (membership.expiresAt && membership.expiresAt > now) {
      if (membership.status === 'expired') {
        await this.repairFromLedger(membership, membership.expiresAt);
      }
      return true;
    }
    return membership.status === 'grace' && (membership.graceEndsAt ?? now) > now;
  }

  private async repairFromLedger(membership: MembershipView, paid: Date): Promise<void> {
    const patch = { expiresAt: paid };
    const moved =
      membership.status !== 'active' &&
      (await this.lifecycle.transition({
        membership,
        to: 'active',
        reason: 'the ledger proves paid time',
        patch,
      }));
    if (!moved) {
      await this.memberships.update(membership.id, patch);
    }
    if (membership.status === 'grace') {
      await this.memberships.unsetGrace(membership.id);
    }
  }

  private graceEnd(from: Date): Date {
    return new Date(from.getTime() + this.config.access.graceDays * DAY_MS);
  }
}

/**
 * Paid-until from the ledger's latest entry alone: periods stack (each ends after the one before)
 * and a revocation ends everything before it at its own instant, so the latest entry's end is the
 * ledger's paid-until (see periods.spec.ts).
 */
function paidUntilOf(latest: PeriodView | undefined): Date | undefined {
  return latest?.endsAt;
}
