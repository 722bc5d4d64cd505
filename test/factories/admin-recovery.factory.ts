import type { StripeFakeServer } from '@app/stripe-fake';
import { OutboxService } from '../../src/outbox/outbox.service';
import { RecoveryPassService } from '../../src/recovery/recovery-pass.service';
import type { RecoveryPassReport } from '../../src/recovery/recovery.types';
import { deliverAll, type PlatformStripe } from '../support/stripe-payments';
import type { TelegramTestApp } from '../support/telegram-fake';
import { MovableClock } from '../support/telegram-outbox';
import { checkoutBody } from './payment-shop.factory';

/** Pays a one-off plan by card for a Telegram user: checkout, then Stripe's signed events. */
export async function payByCard(params: {
  t: TelegramTestApp;
  stripe: StripeFakeServer;
  platform: PlatformStripe;
  planId: string;
  telegramUserId: number;
  email?: string;
}): Promise<string> {
  const { t, stripe, platform } = params;
  const res = await t
    .http()
    .post('/api/checkout')
    .send(
      checkoutBody(params.planId, {
        telegramUserId: params.telegramUserId,
        ...(params.email ? { email: params.email } : {}),
      }),
    );
  if (res.status !== 201) {
    throw new Error(`checkout answered ${res.status}: ${res.text}`);
  }
  const { paymentId, checkoutUrl } = res.body as { paymentId: string; checkoutUrl: string };
  await deliverAll(t, stripe.completeCheckout(checkoutUrl.split('/checkout/')[1]), {
    secret: platform.webhookSecret,
  });
  return paymentId;
}

/**
 * Runs the outbox as the dispatcher would, moving the clock past back-offs, until nothing is
 * left to do now or later (jobs that wait on purpose beyond `horizonMs` stay pending).
 */
export async function settleOutbox(
  t: TelegramTestApp,
  clock: MovableClock,
  options: { stepMs?: number; horizonMs?: number } = {},
): Promise<void> {
  const outbox = t.app.get(OutboxService);
  const stepMs = options.stepMs ?? 10_000;
  let movedMs = 0;
  for (let round = 0; round < 500; round += 1) {
    await outbox.drainDue({ maxMs: 2_000 });
    const jobs = t.connection.collection('outbox_jobs');
    const now = clock.now();
    const [sending, due, waiting] = await Promise.all([
      jobs.countDocuments({ status: 'sending' }),
      jobs.countDocuments({ status: 'pending', nextAttemptAt: { $lte: now } }),
      // The delayed delivery checks wait on purpose; the tests move time for them.
      jobs.countDocuments({
        status: 'pending',
        nextAttemptAt: { $gt: now },
        kind: { $ne: 'recovery.check' },
      }),
    ]);
    if (sending > 0 || due > 0) {
      // Still working (a slow machine, or the rate budget): run again before moving time.
      continue;
    }
    if (waiting === 0 || movedMs >= (options.horizonMs ?? 10 * 60_000)) {
      return;
    }
    clock.advance(stepMs);
    movedMs += stepMs;
  }
  throw new Error('the outbox did not settle');
}

export function runRecoveryPass(t: TelegramTestApp): Promise<RecoveryPassReport> {
  return t.app.get(RecoveryPassService).runPass();
}

/**
 * A movable wall clock that can go back to the real time, so the time one test moved (past
 * back-offs and recovery deadlines) does not leak into the next test of the suite.
 */
export class ResettableClock extends MovableClock {
  private moved = 0;

  override advance(ms: number): void {
    super.advance(ms);
    this.moved += ms;
  }

  reset(): void {
    super.advance(-this.moved);
    this.moved = 0;
  }
}
