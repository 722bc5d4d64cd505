import { Injectable } from '@nestjs/common';
import { ChannelsService } from '../channels/channels.service';
import { Clock } from '../common/clock/clock';
import { AppException } from '../common/errors/app.exception';
import type { CreatePlanDto } from './dto/create-plan.dto';
import type { UpdatePlanDto } from './dto/update-plan.dto';
import { assertPlanRules } from './plan-rules';
import { PlanFields, PlanRecord, PlanRepository } from './plan.repository';

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
    return toView(await this.plans.create({ ...fields, sellerId, createdAt: now }));
  }

  async list(sellerId: string, options: { includeArchived: boolean }): Promise<PlanView[]> {
    return (await this.plans.list(sellerId, options)).map(toView);
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
    if (!(await this.plans.update(sellerId, id, next))) {
      // Archived between our read and our write.
      throw AppException.conflict('PLAN_ARCHIVED', 'An archived plan can no longer be changed');
    }
    return this.get(sellerId, id);
  }

  /** Takes the plan off sale for good; it stays readable (payments refer to it). Idempotent. */
  async archive(sellerId: string, id: string): Promise<PlanView> {
    const plan = await this.require(sellerId, id);
    if (!plan.archivedAt) {
      await this.plans.archive(sellerId, id, this.clock.now());
    }
    return this.get(sellerId, id);
  }

  /** For later domains: a seller's plan, archived or not. */
  findById(sellerId: string, id: string): Promise<PlanRecord | undefined> {
    return this.plans.findById(sellerId, id);
  }

  /**
   * For the purchase flow, which starts from a plan id (a bot deep link): the plan if it is on
   * sale (active, not archived), whoever sells it.
   */
  async findOnSale(planId: string): Promise<SaleablePlan | undefined> {
    const plan = await this.plans.findAnywhere(planId);
    return plan && plan.active && !plan.archivedAt ? plan : undefined;
  }

  private async require(sellerId: string, id: string): Promise<PlanRecord> {
    const plan = await this.plans.findById(sellerId, id);
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
  return { ...rest, archived, onSale: plan.active && !archived };
}
