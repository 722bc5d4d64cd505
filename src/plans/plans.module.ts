import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ChannelsModule } from '../channels/channels.module';
import { OutboxModule } from '../outbox/outbox.module';
import { PlanArchivalRepository } from './plan-archival.repository';
import { PlanRepository } from './plan.repository';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';
import { PlanArchival, PlanArchivalSchema } from './schemas/plan-archival.schema';
import { Plan, PlanSchema } from './schemas/plan.schema';
import {
  StarSubscriptionLink,
  StarSubscriptionLinkSchema,
} from './schemas/star-subscription-link.schema';
import { StarSubscriptionLinkExecutor } from './star-subscription/star-subscription-link.executor';
import { StarSubscriptionLinkRepository } from './star-subscription/star-subscription-link.repository';
import { StarSubscriptionLinksService } from './star-subscription/star-subscription-links.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Plan.name, schema: PlanSchema },
      { name: PlanArchival.name, schema: PlanArchivalSchema },
      { name: StarSubscriptionLink.name, schema: StarSubscriptionLinkSchema },
    ]),
    ChannelsModule,
    OutboxModule,
  ],
  controllers: [PlansController],
  providers: [
    PlanRepository,
    PlanArchivalRepository,
    PlansService,
    StarSubscriptionLinkRepository,
    StarSubscriptionLinksService,
    StarSubscriptionLinkExecutor,
  ],
  exports: [PlansService, StarSubscriptionLinksService],
})
export class PlansModule {}
