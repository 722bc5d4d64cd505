import { sleep } from '@app/common';
import type { TelegramFakeServer } from '@app/telegram-fake';
import { Injectable, Module } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Clock } from '../../src/common/clock/clock';
import { OutboxEvents, OutboxJobEvent } from '../../src/outbox/outbox.events';
import { OutboxService } from '../../src/outbox/outbox.service';
import type { OutboxJob } from '../../src/outbox/outbox.types';

/** Wall-clock time that a test can move forward (retry back-offs without sleeping). */
export class MovableClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** Collects outbox completion events. */
@Injectable()
export class OutboxEventProbe {
  readonly events: Array<{ name: string; job: OutboxJob }> = [];

  @OnEvent(OutboxEvents.JobDone)
  done({ job }: OutboxJobEvent): void {
    this.events.push({ name: OutboxEvents.JobDone, job });
  }

  @OnEvent(OutboxEvents.JobFailed)
  failed({ job }: OutboxJobEvent): void {
    this.events.push({ name: OutboxEvents.JobFailed, job });
  }

  @OnEvent(OutboxEvents.JobDead)
  dead({ job }: OutboxJobEvent): void {
    this.events.push({ name: OutboxEvents.JobDead, job });
  }

  of(jobId: string): string[] {
    return this.events.filter((e) => e.job.id === jobId).map((e) => e.name);
  }
}

@Module({ providers: [OutboxEventProbe] })
export class OutboxEventProbeModule {}

/** Users who pressed START, so the bot may write to them. */
export function startedUsers(tg: TelegramFakeServer, botToken: string, count: number): number[] {
  return Array.from({ length: count }, () => {
    const user = tg.createUser();
    tg.core.chats.ensureDialog(tg.core.bot(botToken).id, user.id).started = true;
    return user.id;
  });
}

/** Drains until the job with this key is finished (done, failed or dead). */
export async function drainUntilFinished(
  outbox: OutboxService,
  idempotencyKey: string,
  timeoutMs = 15_000,
): Promise<OutboxJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await outbox.getByKey(idempotencyKey);
    if (job && ['done', 'failed', 'dead'].includes(job.status)) {
      return job;
    }
    if (Date.now() > deadline) {
      throw new Error(`job ${idempotencyKey} still ${job?.status} after ${timeoutMs} ms`);
    }
    const report = await outbox.drainDue({ maxMs: 1_000 });
    if (report.claimed === 0) {
      // Waiting out a back-off or retry_after: poll gently.
      await sleep(50);
    }
  }
}

/** Successful Bot API calls of one method into one chat. */
export function okCalls(tg: TelegramFakeServer, method: string, chatId: number): number {
  return tg.calls(method).filter((c) => c.ok && Number(c.params.chat_id) === chatId).length;
}
