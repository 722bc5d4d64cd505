import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ChannelsModule } from '../channels/channels.module';
import { PlanArchivalRepository } from './plan-archival.repository';
import { PlanRepository } from './plan.repository';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';
import { PlanArchival, PlanArchivalSchema } from './schemas/plan-archival.schema';
import { Plan, PlanSchema } from './schemas/plan.schema';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Plan.name, schema: PlanSchema },
      { name: PlanArchival.name, schema: PlanArchivalSchema },
    ]),
    ChannelsModule,
  ],
  controllers: [PlansController],
  providers: [PlanRepository, PlanArchivalRepository, PlansService],
  exports: [PlansService],
})
export class PlansModule {}
