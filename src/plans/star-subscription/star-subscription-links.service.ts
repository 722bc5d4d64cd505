import { Injectable, Logger } from '@nestjs/common';
import type { ChannelRecord } from '../../channels/channel.repository';
import { Clock } from '../../common/clock/clock';
import { AppException } from '../../common/errors/app.exception';
import { OutboxService } from '../../outbox/outbox.service';
import { STAR_SUBSCRIPTION_PERIOD_SECONDS } from '../plan.types';
import {
  STAR_SUBSCRIPTION_LINK_JOB,
  planIdOfLinkName,
  starSubscriptionLinkJobKey,
  starSubscriptionLinkName,
} from './star-subscription-link.job';
import {
  StarSubscriptionLinkRecord,
  StarSubscriptionLinkRepository,
} from './star-subscription-link.repository';

export const STAR_SUBSCRIPTION_LINK_STATUSES = ['pending', 'active', 'failed'] as const;
/** pending: being created through the outbox; active: usable; failed: Telegram refused it. */
export type StarSubscriptionLinkStatus = (typeof STAR_SUBSCRIPTION_LINK_STATUSES)[number];

export interface StarSubscriptionLinkView {
  status: StarSubscriptionLinkStatus;
  inviteLink: string | null;
  priceStars: number;
  periodDays: number;
  chatId: number;
  /** Why Telegram refused to create it (status failed). */
  failure: string | null;
  createdAt: Date | null;
}

const DAY_SECONDS = 24 * 60 * 60;

/**
 * A plan's Telegram Star subscription link: one per plan, created once through the outbox (the
 * job is keyed by the plan) and stored; Star subscription payments find their plan through it.
 */
@Injectable()
export class StarSubscriptionLinksService {
  private readonly logger = new Logger(StarSubscriptionLinksService.name);

  constructor(
    private readonly links: StarSubscriptionLinkRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /**
   * Makes sure the plan has its link: the record is inserted once and its creation queued once.
   * A creation Telegram refused for good (the bot lacked a right) is tried again, so saving the
   * plan again is how a seller retries after fixing the cause.
   */
  async ensure(params: {
    planId: string;
    sellerId: string;
    priceStars: number;
    channel: ChannelRecord;
  }): Promise<void> {
    const { planId, sellerId, channel } = params;
    const { record } = await this.links.insertOnce({
      planId,
      sellerId,
      channelId: channel.id,
      chatId: channel.chatId,
      chatTitle: channel.title,
      priceStars: params.priceStars,
      periodSeconds: STAR_SUBSCRIPTION_PERIOD_SECONDS,
      name: starSubscriptionLinkName(planId),
      createdAt: this.clock.now(),
    });
    if (record.inviteLink) {
      return;
    }
    const { job, created } = await this.outbox.enqueue({
      kind: STAR_SUBSCRIPTION_LINK_JOB,
      payload: { planId },
      idempotencyKey: starSubscriptionLinkJobKey(planId),
      correlation: { sellerId },
    });
    if (!created && (job.status === 'failed' || job.status === 'dead')) {
      await this.outbox.retryNow(job.id).catch((error: unknown) => {
        // Another save retried it a moment ago (it is running, or already done).
        if (!(error instanceof AppException)) {
          throw error;
        }
        this.logger.debug(`Subscription link of plan ${planId} not retried: ${error.code}`);
      });
    }
  }

  /** The links of the seller's plans as the API shows them, by plan id. */
  async viewsFor(
    sellerId: string,
    planIds: string[],
  ): Promise<Map<string, StarSubscriptionLinkView>> {
    const records = await this.links.findForSeller(sellerId, planIds);
    const waiting = [...records.values()].filter((r) => !r.inviteLink);
    const jobs = await this.outbox.getManyByKeys(
      waiting.map((r) => starSubscriptionLinkJobKey(r.planId)),
    );
    const jobByKey = new Map(jobs.map((job) => [job.idempotencyKey, job]));
    const views = new Map<string, StarSubscriptionLinkView>();
    for (const record of records.values()) {
      const job = jobByKey.get(starSubscriptionLinkJobKey(record.planId));
      const refused = !record.inviteLink && (job?.status === 'failed' || job?.status === 'dead');
      views.set(record.planId, {
        status: record.inviteLink ? 'active' : refused ? 'failed' : 'pending',
        inviteLink: record.inviteLink ?? null,
        priceStars: record.priceStars,
        periodDays: record.periodSeconds / DAY_SECONDS,
        chatId: record.chatId,
        failure: refused ? (job?.lastError ?? 'refused by Telegram') : null,
        createdAt: record.linkCreatedAt ?? null,
      });
    }
    return views;
  }

  /** A plan's link record, whoever sells it (the bot's offer, Star subscription payments). */
  findByPlan(planId: string): Promise<StarSubscriptionLinkRecord | undefined> {
    return this.links.findByPlanAnywhere(planId);
  }

  /**
   * The record of the link a member joined through: by the link's name (`sub:<planId>`, which
   * also recognises a link whose creation was never recorded because the process stopped between
   * Telegram's answer and our write), else by the link itself. Only a link of this chat counts.
   */
  async findForJoin(params: {
    chatId: number;
    inviteLink?: string;
    linkName?: string;
  }): Promise<StarSubscriptionLinkRecord | undefined> {
    const planId = planIdOfLinkName(params.linkName);
    const byName = planId ? await this.links.findByPlanAnywhere(planId) : undefined;
    if (byName?.chatId === params.chatId) {
      return byName;
    }
    return params.inviteLink
      ? this.links.findByInviteLinkAnywhere(params.chatId, params.inviteLink)
      : undefined;
  }
}
