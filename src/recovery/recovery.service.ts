import { Injectable, Logger } from '@nestjs/common';
import { AlertsService } from '../alerts/alerts.service';
import { Clock } from '../common/clock/clock';
import { GrantService } from '../memberships/grant.service';
import type { GrantView } from '../memberships/membership.types';
import type { PaymentView } from '../payments/payment.types';
import { PaymentsService } from '../payments/payments.service';
import { DeliveryStatusService } from './delivery-status.service';
import { DeliveryWatchRepository } from './delivery-watch.repository';
import { RecoveryActions } from './recovery-actions';
import { RecoveryAttemptRepository } from './recovery-attempt.repository';
import { decide, Decision } from './recovery-decision';
import { backoffAfter, RECOVERY_POLICY } from './recovery-policy';
import { RecoveryWorklist } from './recovery-worklist.service';
import type { RecoveryResult } from './recovery.types';
import type { RecoveryAction, RecoveryTrigger } from './schemas/recovery-attempt.schema';

/** Payments that can no longer be delivered to. */
const UNPAID_STATUSES = new Set(['refunded', 'cancelled', 'expired', 'failed']);

interface Subject {
  paymentId: string;
  payment?: PaymentView;
  grant?: GrantView;
}

/**
 * Heals paid payments whose access did not arrive. For each payment it derives the delivery
 * state from the outbox, decides (recovery-decision.ts) and acts through the owning domain.
 * Every action is an attempt `<paymentId>:<n>` inserted first, so the scheduled pass, a fresh
 * payment's delayed check and an admin never act twice on the same attempt.
 */
@Injectable()
export class RecoveryService {
  private readonly logger = new Logger('Recovery');

  constructor(
    private readonly payments: PaymentsService,
    private readonly grants: GrantService,
    private readonly status: DeliveryStatusService,
    private readonly watches: DeliveryWatchRepository,
    private readonly attemptsRepo: RecoveryAttemptRepository,
    private readonly actions: RecoveryActions,
    private readonly worklist: RecoveryWorklist,
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
  ) {}

  async recover(paymentId: string, trigger: RecoveryTrigger, by?: string): Promise<RecoveryResult> {
    const [payment] = await this.payments.findManyAnywhere([paymentId]);
    if (!payment) {
      return { paymentId, outcome: 'not_found' };
    }
    if (!(await this.worklist.isTracked(paymentId))) {
      await this.worklist.track(payment);
    }
    const grant = payment.grantId ? await this.grants.find(payment.grantId) : undefined;
    return this.run({ paymentId, payment, grant }, trigger, by);
  }

  /** A grant recorded but never applied (found by the pass): its payment may not be marked paid. */
  async recoverGrant(grant: GrantView, trigger: RecoveryTrigger): Promise<RecoveryResult> {
    const paymentId = grant.paymentId ?? `grant:${grant.id}`;
    const [payment] = grant.paymentId
      ? await this.payments.findManyAnywhere([grant.paymentId])
      : [];
    if (payment && grant.paymentId) {
      await this.worklist.trackGrant({ ...grant, paymentId: grant.paymentId });
    }
    return this.run({ paymentId, payment, grant }, trigger);
  }

  private async run(
    subject: Subject,
    trigger: RecoveryTrigger,
    by?: string,
  ): Promise<RecoveryResult> {
    const { paymentId, payment, grant } = subject;
    const now = this.clock.now();
    const snapshot = await this.status.snapshot(paymentId);
    const decision = decide({
      trigger,
      now,
      paidAt: payment?.paidAt ?? grant?.createdAt ?? now,
      paid: grant !== undefined && !UNPAID_STATUSES.has(payment?.status ?? 'succeeded'),
      grant: grant && {
        applied: grant.appliedAt !== undefined,
        claimed: grant.telegramUserId !== undefined,
      },
      ...snapshot,
    });
    const result = await this.apply({
      subject,
      decision,
      trigger,
      by,
      attemptsSoFar: snapshot.attempts.length,
    });
    const state = await this.status.refresh(paymentId);
    return { ...result, deliveryStatus: state.deliveryStatus };
  }

  private async apply(params: {
    subject: Subject;
    decision: Decision;
    trigger: RecoveryTrigger;
    by?: string;
    attemptsSoFar: number;
  }): Promise<RecoveryResult> {
    const { subject, decision } = params;
    const { paymentId } = subject;
    switch (decision.kind) {
      case 'done':
        await this.watches.update(paymentId, { nextCheckAt: null });
        return {
          paymentId,
          outcome: decision.reason === 'delivered' ? 'already_delivered' : 'not_recoverable',
          detail: decision.reason,
        };
      case 'wait':
        await this.watches.update(paymentId, { nextCheckAt: decision.until });
        return {
          paymentId,
          outcome: decision.reason === 'awaiting_claim' ? 'not_recoverable' : 'waiting',
          detail: decision.reason,
        };
      case 'exhausted':
        await this.giveUp(subject, params.attemptsSoFar);
        return { paymentId, outcome: 'exhausted' };
      case 'act':
        return this.act({ ...params, decision });
    }
  }

  private async act(params: {
    subject: Subject;
    decision: Extract<Decision, { kind: 'act' }>;
    trigger: RecoveryTrigger;
    by?: string;
    attemptsSoFar: number;
  }): Promise<RecoveryResult> {
    const { subject, decision, trigger, by } = params;
    const grant = subject.grant!;
    const { paymentId } = subject;
    const now = this.clock.now();
    const member =
      decision.step === 'reapply' ? undefined : await this.actions.payerInEveryChat(grant);
    if (decision.step === 'verify' && member !== true) {
      await this.watches.update(paymentId, {
        nextCheckAt: new Date(now.getTime() + RECOVERY_POLICY.inFlightRecheckMs),
      });
      return { paymentId, outcome: 'in_progress', detail: 'the outbox is still delivering' };
    }
    const n = params.attemptsSoFar + 1;
    const attempt = await this.attemptsRepo.claim({
      paymentId,
      n,
      trigger,
      at: now,
      ...(by ? { by } : {}),
    });
    if (!attempt) {
      return { paymentId, outcome: 'busy', detail: `attempt ${n} is being made elsewhere` };
    }
    await this.watches.update(paymentId, {
      nextCheckAt: new Date(now.getTime() + backoffAfter(n)),
    });
    if (member === true) {
      await this.attemptsRepo.settle(attempt.id, { action: 'already_member' });
      return { paymentId, outcome: 'already_member', action: 'already_member', attempt: n };
    }
    try {
      const { action, detail } = await this.perform(decision, grant, attempt.id);
      await this.attemptsRepo.settle(attempt.id, { action, ...(detail ? { detail } : {}) });
      this.logger.log(`Recovery attempt ${attempt.id}: ${action}${detail ? ` (${detail})` : ''}`);
      return { paymentId, outcome: 'recovered', action, attempt: n, ...(detail ? { detail } : {}) };
    } catch (error) {
      const detail = (error instanceof Error ? error.message : String(error)).slice(0, 300);
      await this.attemptsRepo.settle(attempt.id, { action: 'failed', detail });
      this.logger.warn(`Recovery attempt ${attempt.id} failed: ${detail}`);
      return { paymentId, outcome: 'failed', action: 'failed', attempt: n, detail };
    }
  }

  private async perform(
    decision: Extract<Decision, { kind: 'act' }>,
    grant: GrantView,
    attemptKey: string,
  ): Promise<{ action: RecoveryAction; detail?: string }> {
    switch (decision.step) {
      case 'reapply':
        await this.actions.reapply(grant);
        return { action: 'reapplied' };
      case 'deliver':
        await this.actions.deliver(grant);
        return { action: 'redelivered', detail: 'queued the original delivery' };
      case 'redeliver':
        await this.actions.redeliver(grant, attemptKey);
        return { action: 'redelivered', detail: 'fresh links' };
      case 'retry':
      case 'verify': {
        const retried = await this.actions.retry(decision.retryJobIds);
        return { action: 'retried', detail: `${retried} job(s) made due now` };
      }
    }
  }

  private async giveUp(subject: Subject, attempts: number): Promise<void> {
    await this.watches.update(subject.paymentId, { exhausted: true, nextCheckAt: null });
    const who = subject.grant?.telegramUserId ?? 'unknown';
    await this.alerts.raise({
      kind: 'recovery_exhausted',
      incident: subject.paymentId,
      urgent: true,
      text:
        `Access for payment ${subject.paymentId} (seller ${subject.grant?.sellerId ?? '?'}, ` +
        `Telegram user ${who}) is still not delivered after ${attempts} recovery attempts. ` +
        'Recover it by hand: POST /api/admin/recovery/recover/' +
        subject.paymentId,
    });
  }
}
