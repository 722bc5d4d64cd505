import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Clock } from '../../common/clock/clock';
import { OutboxEvents, OutboxJobEvent } from '../../outbox/outbox.events';
import { AccessDeliveryService } from '../access-delivery.service';
import { AccessLinkRepository } from '../access-link.repository';
import { AccessRemovalRepository } from '../access-removal.repository';
import { AccessJobs, AccessLinkJob, AccessRemoveJob } from './access-jobs';

/**
 * A link job that ran out of attempts settles its link as failed, so the member still gets the
 * other links of the delivery; a removal out of attempts is recorded as failed (the seller sees
 * it). Permanent refusals are recorded by the executors themselves.
 */
@Injectable()
export class AccessOutboxListener {
  constructor(
    private readonly links: AccessLinkRepository,
    private readonly deliveries: AccessDeliveryService,
    private readonly removals: AccessRemovalRepository,
    private readonly clock: Clock,
  ) {}

  @OnEvent(OutboxEvents.JobDead)
  async onDead({ job }: OutboxJobEvent): Promise<void> {
    if (job.kind === AccessJobs.Link) {
      const link = await this.links.findById((job.payload as AccessLinkJob).linkId);
      if (link?.status === 'pending') {
        await this.links.markSettled(link._id, { status: 'failed', note: 'OUT_OF_ATTEMPTS' });
        await this.deliveries.settle(link);
      }
    } else if (job.kind === AccessJobs.Remove && 'removalId' in (job.payload as AccessRemoveJob)) {
      const { removalId } = job.payload as { removalId: string };
      await this.removals.finish(removalId, {
        status: 'failed',
        note: 'OUT_OF_ATTEMPTS',
        at: this.clock.now(),
      });
    }
  }
}
