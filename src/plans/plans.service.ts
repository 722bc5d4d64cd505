import { Injectable } from '@nestjs/common';
import { ChannelsService } from '../channels/channels.service';
import { Clock } from '../common/clock/clock';
import { AppException } from '../common/errors/app.exception';
import type { CreatePlanDto } from './dto/create-plan.dto';
import type { UpdatePlanDto } from './dto/update-plan.dto';
import { PlanArchivalRepository } from './plan-archival.repository';
import { assertPlanRules } from './plan-rules';
import { PlanFields, PlanRepository, StoredPlan } from './plan.repository';

/** A plan with its archival date (null while not archived). */
export interface PlanRecord extends StoredPlan {
  archivedAt: Date | null;
}

export interface PlanView extends Omit<PlanRecord, 'sellerId'> {
  archived: boolean;
  onSale: boolean;
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
    private readonly clock: Clock,
  ) {}

  async create(sellerId: string, dto: CreatePlanDto): Promise<PlanView> {
    const now = this.clock.now();
    const fields: PlanFields = {
      name: dto.name,
      description: dto.description ?? null,
      priceMinor: dto.priceMinor,
      currency: dto.currency,
      durationDays: dto.durationDays ?? null,
      durationMinutes: dto.durationMinutes ?? null,
      channelIds: dto.channelIds,
      trialDays: dto.trialDays ?? 0,
      billing: dto.billing ?? 'one_off',
      accessMode: dto.accessMode ?? 'invite_link',
      active: dto.active ?? true,
      limits: {
        newCustomersOnly: dto.limits?.newCustomersOnly ?? false,
        maxMembers: dto.limits?.maxMembers ?? null,
      },
      updatedAt: now,
    };
    assertPlanRules(fields);
    await this.channels.requireLiveChannels(sellerId, fields.channelIds);
    const created = await this.plans.create({ ...fields, sellerId, createdAt: now });
    return toView({ ...created, archivedAt: null });
  }

  async list(sellerId: string, options: { includeArchived: boolean }): Promise<PlanView[]> {
    const [plans, archivals] = await Promise.all([
      this.plans.listAll(sellerId),
      this.archivals.allOf(sellerId),
    ]);
    return plans
      .map((plan) => ({ ...plan, archivedAt: archivals.get(plan.id) ?? null }))
      .filter((plan) => options.includeArchived || plan.archivedAt === null)
      .map(toView);
  }

  async get(sellerId: string, id: string): Promise<PlanView> {
    return toView(await this.require(sellerId, id));
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
    assertPlanRules(next);
    if (dto.channelIds !== undefined) {
      await this.channels.requireLiveChannels(sellerId, next.channelIds);
    }
    await this.plans.update(sellerId, id, next);
    if (await this.archivals.archivedAt(sellerId, id)) {
      // Archived while we were writing: the archival stands (nothing archived is sold), and the
      // caller learns that the plan no longer changes.
      throw AppException.conflict('PLAN_ARCHIVED', 'An archived plan can no longer be changed');
    }
    return this.get(sellerId, id);
  }

  /** Takes the plan off sale for good; it stays readable (payments refer to it). Idempotent. */
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

function toView(plan: PlanRecord): PlanView {
  const { sellerId: _seller, ...rest } = plan;
  const archived = plan.archivedAt !== null;
  // An archived plan is off sale for good, whatever its stored `active` says.
  const active = plan.active && !archived;
  return { ...rest, active, archived, onSale: active };
}
