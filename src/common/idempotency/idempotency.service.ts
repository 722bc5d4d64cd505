import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHmac, hkdfSync } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { JobSchedulerService } from '../../leases/job-scheduler.service';
import { Clock } from '../clock/clock';
import { RandomTokens } from '../crypto/random-tokens';
import { SecretBox } from '../crypto/secret-box';
import { IdempotencySubject, subjectKey } from './idempotency-subject';
import { IdempotencyRepository } from './idempotency.repository';

/** Keys are remembered this long; a repeat after that runs again (as with Stripe). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/**
 * A claim still "running" after this long belongs to a request whose process died; it may be
 * taken over. Far above any request's run time, so a slow request is never run twice.
 */
export const IDEMPOTENCY_STALE_MS = 5 * 60 * 1000;

const contextOf = (scope: { sellerId: string; key: string }): string =>
  `idempotency_records:${scope.sellerId}:${scope.key}`;

export type IdempotencyClaim =
  | { kind: 'claimed'; runId: string }
  | { kind: 'replay'; statusCode: number; body: unknown }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' }
  /** Done, but its answer was erased with the personal data it carried (a member's erasure). */
  | { kind: 'erased' };

@Injectable()
export class IdempotencyService implements OnModuleInit {
  /** Keys the hash that stands in for a Telegram id in `subject`. */
  private readonly subjectHashKey: Buffer;

  constructor(
    private readonly repository: IdempotencyRepository,
    private readonly random: RandomTokens,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    private readonly scheduler: JobSchedulerService,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'encryptionKey'>,
  ) {
    this.subjectHashKey = Buffer.from(
      hkdfSync(
        'sha256',
        config.encryptionKey,
        Buffer.alloc(0),
        'membergate:idempotency-subject',
        32,
      ),
    );
  }

  onModuleInit(): void {
    this.scheduler.register({
      name: 'idempotency.purge',
      everyMs: 60 * 60 * 1000,
      run: () => this.purgeExpired(),
    });
  }

  /** Decides whether this request runs, replays a stored answer, or is refused. */
  async claim(params: {
    sellerId: string;
    key: string;
    fingerprint: string;
  }): Promise<IdempotencyClaim> {
    // Two rounds: a claim released (or taken over) between our insert and our read gets one retry.
    for (let round = 0; round < 2; round += 1) {
      const runId = this.random.hex(12);
      const now = this.clock.now();
      if (await this.repository.tryInsert({ ...params, runId, createdAt: now })) {
        return { kind: 'claimed', runId };
      }
      const existing = await this.repository.find(params.sellerId, params.key);
      if (!existing) {
        continue;
      }
      if (existing.fingerprint !== params.fingerprint) {
        return { kind: 'mismatch' };
      }
      if (existing.answerErasedAt) {
        return { kind: 'erased' };
      }
      if (existing.state === 'completed') {
        return {
          kind: 'replay',
          statusCode: existing.statusCode ?? 200,
          body:
            existing.responseEnc === undefined
              ? undefined
              : JSON.parse(this.box.open(existing.responseEnc, contextOf(params))),
        };
      }
      if (now.getTime() - existing.createdAt.getTime() < IDEMPOTENCY_STALE_MS) {
        return { kind: 'in_progress' };
      }
      await this.repository.release({ ...params, runId: existing.runId });
    }
    return { kind: 'in_progress' };
  }

  /** Stores the answer; `concerns` names the member it is about, if it carries their data. */
  complete(params: {
    sellerId: string;
    key: string;
    runId: string;
    statusCode: number;
    body: unknown;
    concerns?: IdempotencySubject;
  }): Promise<void> {
    const { body, concerns, ...rest } = params;
    return this.repository.complete({
      ...rest,
      responseEnc:
        body === undefined ? undefined : this.box.seal(JSON.stringify(body), contextOf(params)),
      subject: concerns === undefined ? undefined : this.keyOf(concerns),
      at: this.clock.now(),
    });
  }

  /**
   * Privacy: erases this seller's stored answers about a member (their Telegram account, grants,
   * payments). The records stay until their 24 h are up, answer-less, so a client repeating such
   * a request is told so (410) instead of running it again for someone the seller just erased.
   * An answer still being produced when the erasure runs is stored after it; that needs the same
   * member's request and erasure within the same moment, and it goes within 24 h all the same.
   */
  eraseAnswersConcerning(params: {
    sellerId: string;
    telegramUserIds: number[];
    grantIds: string[];
    paymentIds: string[];
  }): Promise<number> {
    const subjects: IdempotencySubject[] = [
      ...params.telegramUserIds.map((telegramUserId) => ({ telegramUserId })),
      ...params.grantIds.map((grantId) => ({ grantId })),
      ...params.paymentIds.map((paymentId) => ({ paymentId })),
    ];
    return this.repository.eraseAnswers({
      sellerId: params.sellerId,
      subjects: subjects.flatMap((s) => this.keyOf(s) ?? []),
      at: this.clock.now(),
    });
  }

  /** A failed run leaves no trace, so the client may retry the same key. */
  release(params: { sellerId: string; key: string; runId: string }): Promise<void> {
    return this.repository.release(params);
  }

  purgeExpired(): Promise<number> {
    return this.repository.purgeBefore(
      new Date(this.clock.now().getTime() - IDEMPOTENCY_RETENTION_MS),
    );
  }

  private keyOf(subject: IdempotencySubject): string | undefined {
    return subjectKey(subject, (telegramUserId) =>
      createHmac('sha256', this.subjectHashKey)
        .update(String(telegramUserId))
        .digest('hex')
        .slice(0, 32),
    );
  }
}
