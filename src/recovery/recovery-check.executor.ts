import { Injectable, OnModuleInit } from '@nestjs/common';
import type { AttemptOutcome, OutboxExecutor } from '../outbox/outbox-executor';
import { OutboxExecutorRegistry } from '../outbox/outbox-executor.registry';
import { NO_RATE_KEY } from '../outbox/rate-policy';
import { RECOVERY_CHECK_KIND, RecoveryCheckJob } from './recovery-check.job';
import { RecoveryService } from './recovery.service';

/**
 * `recovery.check`: a fresh payment's delivery looked at 2 minutes after its grant. A durable
 * outbox job (notBefore), so the check happens on whichever instance is up, after a restart too.
 */
@Injectable()
export class RecoveryCheckExecutor
  implements OutboxExecutor<typeof RECOVERY_CHECK_KIND>, OnModuleInit
{
  readonly kind = RECOVERY_CHECK_KIND;
  readonly rateClass = 'none' as const;

  constructor(
    private readonly registry: OutboxExecutorRegistry,
    private readonly recovery: RecoveryService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  available(): boolean {
    return true;
  }

  chatKey(): string {
    return NO_RATE_KEY;
  }

  async execute(payload: RecoveryCheckJob): Promise<unknown> {
    const result = await this.recovery.recover(payload.paymentId, 'delayed_check');
    return { outcome: result.outcome, ...(result.action ? { action: result.action } : {}) };
  }

  classify(error: unknown): AttemptOutcome {
    return {
      type: 'retry',
      code: 'RECOVERY_CHECK_FAILED',
      reason: (error instanceof Error ? error.message : String(error)).slice(0, 300),
    };
  }
}
