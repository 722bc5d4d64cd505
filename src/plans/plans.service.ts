import { Injectable } from '@nestjs/common';
import type { ChannelRecord } from '../channels/channel.repository';
import { ChannelsService } from '../channels/channels.service';
import { Clock } from '../common/clock/clock';
import { AppException } from '../common/errors/app.exception';
import type { CreatePlanDto } from './dto/create-plan.dto';
import type { UpdatePlanDto } from './dto/update-plan.dto';
import { PlanArchivalRepository } from './plan-archival.repository';
import { assertPlanRules, assertStarSubscriptionKept, starSubscriptionInvalid } from './plan-rules';
import { PlanFields, PlanRepository, StoredPlan } from './plan.repository';
import {
  StarSubscriptionLinksService,
  StarSubscriptionLinkView,
} from './star-subscription/star-subscription-links.service';

/** A plan with its archival date (null while not archived). */
export interface PlanRecord extends StoredPlan {
  archivedAt: Date | null;
}

export interface PlanView extends Omit<PlanRecord, 'sellerId'> {
  archived: boolean;
  onSale: boolean;
  /** The Telegram subscription link of a plan sold through one. */
  starSubscriptionLink: StarSubscriptionLinkView | null;
}

/** A plan on sale, for the purchase flow: it names its seller. */
export type SaleablePlan = PlanRecord;

const planNotFound = (): AppException => AppException.notFound('PLAN_NOT_FOUND', 'No such plan');

@Injectable()
export class PlansService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly archivals: PlanArchivalRepository,
    private readonly channels: ChannelsService,
    private readonly starLinks: StarSubscriptionLinksService,
    private readonly clock: Clock,
  ) {}

  async create(sellerId: string, dto: CreatePlanDto): Promise<PlanView> {
    const now = this.clock.now();
    const starSubscription = dto.starSubscription ?? false;
    const fields: PlanFields = {
      name: dto.name,
      description: dto.description ?? null,
      priceMinor: dto.priceMinor,
      currency: dto.currency,
      durationDays: dto.durationDays ?? null,
      durationMinutes: dto.durationMinutes ?? null,
      channelIds: dto.channelIds,
      trialDays: dto.trialDays ?? 0,
      billing: dto.billing ?? (starSubscription ? 'recurring' : 'one_off'),
      accessMode: dto.accessMode ?? 'invite_link',
      active: dto.active ?? true,
      limits: {
        newCustomersOnly: dto.limits?.newCustomersOnly ?? false,
        maxMembers: dto.limits?.maxMembers ?? null,
      },
      starSubscription,
      updatedAt: now,
    };
    assertPlanRules(fields);
    const channels = await this.channels.requireLiveChannels(sellerId, fields.channelIds);
    const starChannel = starSubscription ? subscriptionChannel(channels) : undefined;
    const created = await this.plans.create({ ...fields, sellerId, createdAt: now });
    if (starChannel) {
      await this.ensureStarLink(created, starChannel);
    }
    return this.get(sellerId, created.id);
  }

  async list(sellerId: string, options: { includeArchived: boolean }): Promise<PlanView[]> {
    const [plans, archivals] = await Promise.all([
      this.plans.listAll(sellerId),
      this.archivals.allOf(sellerId),
    ]);
    return this.viewsOf(
      sellerId,
      plans
        .map((plan) => ({ ...plan, archivedAt: archivals.get(plan.id) ?? null }))
        .filter((plan) => options.includeArchived || plan.archivedAt === null),
    );
  }

  async get(sellerId: string, id: string): Promise<PlanView> {
    const [view] = await this.viewsOf(sellerId, [await this.require(sellerId, id)]);
    return view;
  }

  async update(sellerId: string, id: string, dto: UpdatePlanDto): Promise<PlanView> {
    const current = await this.require(sellerId, id);
    if (current.archivedAt) {
      throw AppException.conflict('PLAN_ARCHIVED', 'An archived plan can no longer be changed');
    }
    const {
      id: _id,
      sellerId: _seller,
      createdAt: _created,
      archivedAt: _archived,
      ...kept
    } = current;
    const next: PlanFields = {
      ...kept,
      ...definedOnly({
        name: dto.name,
        priceMinor: dto.priceMinor,
        currency: dto.currency,
        channelIds: dto.channelIds,
        trialDays: dto.trialDays,
        billing: dto.billing,
        accessMode: dto.accessMode,
        active: dto.active,
        starSubscription: dto.starSubscription,
      }),
      ...(dto.description === undefined ? {} : { description: dto.description }),
      ...(dto.durationDays === undefined
        ? {}
        : { durationDays: dto.durationDays, durationMinutes: null }),
      ...(dto.durationMinutes === undefined
        ? {}
        : { durationMinutes: dto.durationMinutes, durationDays: null }),
      limits: {
        newCustomersOnly: dto.limits?.newCustomersOnly ?? current.limits.newCustomersOnly,
        maxMembers:
          dto.limits?.maxMembers === undefined ? current.limits.maxMembers : dto.limits.maxMembers,
      },
      updatedAt: this.clock.now(),
    };
    if (next.starSubscription && !kept.starSubscription && dto.billing === undefined) {
      // As at creation: the option sells a recurring subscription unless told otherwise.
      next.billing = 'recurring';
    }
    assertStarSubscriptionKept(kept, next);
    assertPlanRules(next);
    const channels =
      dto.channelIds !== undefined || next.starSubscription
        ? await this.channels.requireLiveChannels(sellerId, next.channelIds)
        : [];
    const starChannel = next.starSubscription ? subscriptionChannel(channels) : undefined;
    await this.plans.update(sellerId, id, next);
    if (await this.archivals.archivedAt(sellerId, id)) {
      // Archived while we were writing: the archival stands (nothing archived is sold), and the
      // caller learns that the plan no longer changes.
      throw AppException.conflict('PLAN_ARCHIVED', 'An archived plan can no longer be changed');
    }
    if (starChannel) {
      await this.ensureStarLink({ id, sellerId, priceMinor: next.priceMinor }, starChannel);
    }
    return this.get(sellerId, id);
  }

  /**
   * Takes the plan off sale for good; it stays readable (payments refer to it). Idempotent. A
   * Telegram subscription link is left valid: its subscribers keep renewing, and recording them
   * goes on (the seller revokes the link in Telegram to stop new subscriptions).
   */
  async archive(sellerId: string, id: string): Promise<PlanView> {
    await this.require(sellerId, id);
    await this.archivals.archive({ sellerId, planId: id, at: this.clock.now() });
    return this.get(sellerId, id);
  }

  /** For later domains: a seller's plan, archived or not. */
  async findById(sellerId: string, id: string): Promise<PlanRecord | undefined> {
    const plan = await this.plans.findById(sellerId, id);
    return plan
      ? { ...plan, archivedAt: await this.archivals.archivedAt(sellerId, id) }
      : undefined;
  }

  /**
   * For the purchase flow, which starts from a plan id (a bot deep link): the plan if it is on
   * sale (active, not archived), whoever sells it.
   */
  async findOnSale(planId: string): Promise<SaleablePlan | undefined> {
    const plan = await this.plans.findAnywhere(planId);
    if (!plan?.active) {
      return undefined;
    }
    const archivedAt = await this.archivals.archivedAtAnywhere(plan.id);
    return archivedAt === null ? { ...plan, archivedAt } : undefined;
  }

  private ensureStarLink(
    plan: Pick<StoredPlan, 'id' | 'sellerId' | 'priceMinor'>,
    channel: ChannelRecord,
  ): Promise<void> {
    return this.starLinks.ensure({
      planId: plan.id,
      sellerId: plan.sellerId,
      priceStars: plan.priceMinor,
      channel,
    });
  }

  private async viewsOf(sellerId: string, plans: PlanRecord[]): Promise<PlanView[]> {
    const links = await this.starLinks.viewsFor(
      sellerId,
      plans.filter((p) => p.starSubscription).map((p) => p.id),
    );
    return plans.map((plan) => toView(plan, links.get(plan.id) ?? null));
  }

  private async require(sellerId: string, id: string): Promise<PlanRecord> {
    const plan = await this.findById(sellerId, id);
    if (!plan) {
      throw planNotFound();
    }
    return plan;
  }
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

function toView(plan: PlanRecord, starSubscriptionLink: StarSubscriptionLinkView | null): PlanView {
  const { sellerId: _seller, ...rest } = plan;
  const archived = plan.archivedAt !== null;
  // An archived plan is off sale for good, whatever its stored `active` says.
  const active = plan.active && !archived;
  return { ...rest, active, archived, onSale: active, starSubscriptionLink };
}

/** Telegram makes subscription links for channels only (not groups). */
function subscriptionChannel(channels: ChannelRecord[]): ChannelRecord {
  const [channel] = channels;
  if (channel?.type !== 'channel') {
    throw starSubscriptionInvalid(
      'channelIds',
      'Telegram sells subscription links for channels only, not groups',
    );
  }
  return channel;
}
