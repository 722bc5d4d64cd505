import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/decorators/auth.decorator';
import { CurrentSeller } from '../auth/decorators/current-seller.decorator';
import type { AuthenticatedSeller } from '../auth/principal';
import { ErrorBody } from '../common/errors/error-body';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { CreatePlanDto } from './dto/create-plan.dto';
import { ListPlansQuery } from './dto/list-plans.query';
import { PlanDto } from './dto/plan.dto';
import { UpdatePlanDto } from './dto/update-plan.dto';
import { PlansService } from './plans.service';

const BAD_INPUT = { status: 400, type: ErrorBody, description: 'VALIDATION_FAILED, UNKNOWN_FIELD' };
const NOT_FOUND = { status: 404, type: ErrorBody, description: 'PLAN_NOT_FOUND' };
const RULES =
  'CHANNEL_NOT_FOUND (details.channelIds), INVALID_STARS_PRICE, STARS_SUBSCRIPTION_PERIOD, ' +
  'STAR_SUBSCRIPTION_INVALID (details.field: what a Telegram subscription link cannot sell)';

@ApiTags('plans')
@Controller('api/sellers/plans')
@Auth()
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Create a plan' })
  @ApiResponse({ status: 201, type: PlanDto })
  @ApiResponse(BAD_INPUT)
  @ApiResponse({ status: 422, type: ErrorBody, description: RULES })
  create(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Body() dto: CreatePlanDto,
  ): Promise<PlanDto> {
    return this.plans.create(seller.id, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List plans (archived ones with includeArchived=true)' })
  @ApiResponse({ status: 200, type: PlanDto, isArray: true })
  @ApiResponse(BAD_INPUT)
  list(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Query() query: ListPlansQuery,
  ): Promise<PlanDto[]> {
    return this.plans.list(seller.id, { includeArchived: query.includeArchived === 'true' });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One plan' })
  @ApiResponse({ status: 200, type: PlanDto })
  @ApiResponse(NOT_FOUND)
  get(@CurrentSeller() seller: AuthenticatedSeller, @Param('id') id: string): Promise<PlanDto> {
    return this.plans.get(seller.id, id);
  }

  @Patch(':id')
  @Idempotent()
  @ApiOperation({
    summary: 'Change a plan',
    description: 'Changes apply to future purchases; setting one duration clears the other.',
  })
  @ApiResponse({ status: 200, type: PlanDto })
  @ApiResponse(BAD_INPUT)
  @ApiResponse(NOT_FOUND)
  @ApiResponse({
    status: 409,
    type: ErrorBody,
    description:
      'PLAN_ARCHIVED, STAR_SUBSCRIPTION_LOCKED (details.fields: a subscription link plan keeps ' +
      'its price, period, channel and the option)',
  })
  @ApiResponse({ status: 422, type: ErrorBody, description: RULES })
  update(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Param('id') id: string,
    @Body() dto: UpdatePlanDto,
  ): Promise<PlanDto> {
    return this.plans.update(seller.id, id, dto);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Archive a plan: off sale for good, kept for history',
    description:
      'A Telegram subscription link stays valid so its subscribers keep renewing; revoke it in ' +
      'Telegram to stop new subscriptions.',
  })
  @ApiResponse({ status: 200, type: PlanDto })
  @ApiResponse(NOT_FOUND)
  archive(@CurrentSeller() seller: AuthenticatedSeller, @Param('id') id: string): Promise<PlanDto> {
    return this.plans.archive(seller.id, id);
  }
}
