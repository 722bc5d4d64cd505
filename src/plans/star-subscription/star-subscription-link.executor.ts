import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import type { ExecutionContext, OutboxExecutor } from '../../outbox/outbox-executor';
import { OutboxExecutorRegistry } from '../../outbox/outbox-executor.registry';
import type { AttemptOutcome } from '../../outbox/outbox-executor';
import { TELEGRAM_BOT_KEY } from '../../outbox/rate-policy';
import { classifyTelegramError } from '../../outbox/telegram/telegram-error.classifier';
import { TelegramGateway } from '../../telegram/telegram.gateway';
import { PlanArchivalRepository } from '../plan-archival.repository';
import { STAR_SUBSCRIPTION_LINK_JOB, StarSubscriptionLinkJob } from './star-subscription-link.job';
import { StarSubscriptionLinkRepository } from './star-subscription-link.repository';

/** telegraf 4.16's typings predate subscription links; the Bot API method exists. */
type CallApi = (
  method: 'createChatSubscriptionInviteLink',
  params: {
    chat_id: number;
    name: string;
    subscription_period: number;
    subscription_price: number;
  },
  extra: { signal: never },
) => Promise<{ invite_link: string }>;

/**
 * `plans.subscription_link`: creates the plan's subscription link and stores it. A retry finds it
 * stored and creates nothing. A process stopped between Telegram's answer and the write leaves
 * one link nobody was given; it carries the plan's name, so a join through it is still
 * recognised (StarSubscriptionLinksService.findForJoin) and the member recorded.
 */
@Injectable()
export class StarSubscriptionLinkExecutor
  implements OutboxExecutor<typeof STAR_SUBSCRIPTION_LINK_JOB>, OnModuleInit
{
  readonly kind = STAR_SUBSCRIPTION_LINK_JOB;
  readonly rateClass = 'telegram-call' as const;

  constructor(
    private readonly registry: OutboxExecutorRegistry,
    private readonly links: StarSubscriptionLinkRepository,
    private readonly archivals: PlanArchivalRepository,
    private readonly gateway: TelegramGateway,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  available(): boolean {
    return this.gateway.enabled;
  }

  chatKey(): string {
    return TELEGRAM_BOT_KEY;
  }

  async execute(payload: StarSubscriptionLinkJob, context: ExecutionContext): Promise<unknown> {
    const link = await this.links.findByPlanAnywhere(payload.planId);
    if (!link) {
      return { skipped: 'no link record' };
    }
    if (link.inviteLink) {
      return { created: false };
    }
    if (await this.archivals.archivedAtAnywhere(payload.planId)) {
      return { skipped: 'plan archived' };
    }
    const api = this.gateway.api();
    const callApi = api.callApi.bind(api) as unknown as CallApi;
    const created = await callApi(
      'createChatSubscriptionInviteLink',
      {
        chat_id: link.chatId,
        name: link.name,
        subscription_period: link.periodSeconds,
        subscription_price: link.priceStars,
      },
      { signal: context.signal as never },
    );
    await this.links.markCreated(payload.planId, {
      inviteLink: created.invite_link,
      at: this.clock.now(),
    });
    return { created: true };
  }

  classify(error: unknown): AttemptOutcome {
    return classifyTelegramError(error);
  }
}
