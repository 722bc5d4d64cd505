import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentSeller } from '../../auth/decorators/current-seller.decorator';
import type { AuthenticatedSeller } from '../../auth/principal';
import { AppException } from '../../common/errors/app.exception';
import { ErrorBody } from '../../common/errors/error-body';
import { RecoveryPassService } from '../../recovery/recovery-pass.service';
import { RecoveryQueryService } from '../../recovery/recovery-query.service';
import { RecoveryService } from '../../recovery/recovery.service';
import { AdminOnly } from '../common/admin-only.decorator';
import { BulkRecoveryAnswerDto, BulkRecoveryDto } from './dto/bulk-recovery.dto';
import { FailedDeliveriesQuery } from './dto/failed-deliveries.query';
import { PaymentDeliveryDto, PaymentDeliveryPageDto } from './dto/payment-delivery.dto';
import { RecoveryResultDto } from './dto/recovery-result.dto';
import { RecoveryPassReportDto, RecoveryStatsDto } from './dto/recovery-stats.dto';

const BAD_INPUT = { status: 400, type: ErrorBody, description: 'VALIDATION_FAILED, UNKNOWN_FIELD' };
const PAYMENT_ID = { name: 'paymentId', example: '665f1c2ab3d4e5f6a7b8c9d0' };
const notFound = (): AppException =>
  AppException.notFound('PAYMENT_NOT_FOUND', 'No payment with this id');

@ApiTags('admin')
@Controller('api/admin/recovery')
@AdminOnly()
export class AdminRecoveryController {
  constructor(
    private readonly recovery: RecoveryService,
    private readonly passes: RecoveryPassService,
    private readonly queries: RecoveryQueryService,
  ) {}

  @Get('stats')
  @ApiOperation({ summary: 'Delivery and recovery statistics over every paid payment watched' })
  @ApiResponse({ status: 200, type: RecoveryStatsDto })
  stats(): Promise<RecoveryStatsDto> {
    return this.queries.stats();
  }

  @Get('failed-deliveries')
  @ApiOperation({
    summary: 'Paid payments whose access was not delivered (or with the status asked for)',
    description:
      'Filters: status, paid date range, seller. search: a payment id, a Telegram user id or ' +
      'the customer e-mail. Each item is derived from the outbox at the time of the answer.',
  })
  @ApiResponse({ status: 200, type: PaymentDeliveryPageDto })
  @ApiResponse(BAD_INPUT)
  failedDeliveries(@Query() query: FailedDeliveriesQuery): Promise<PaymentDeliveryPageDto> {
    return this.queries.failedDeliveries({
      status: query.status,
      sellerId: query.sellerId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      search: query.search,
      limit: query.limit ?? 20,
      offset: query.offset ?? 0,
    });
  }

  @Get('payments/:paymentId')
  @ApiOperation({ summary: "One paid payment's delivery state and recovery attempts" })
  @ApiParam(PAYMENT_ID)
  @ApiResponse({ status: 200, type: PaymentDeliveryDto })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'PAYMENT_NOT_FOUND' })
  async payment(@Param('paymentId') paymentId: string): Promise<PaymentDeliveryDto> {
    const view = await this.queries.statusOf(paymentId);
    if (!view) {
      throw notFound();
    }
    return view;
  }

  @Post('process-failed')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run the recovery pass now over every payment not delivered yet',
    description:
      'Past the scheduled back-off and attempt budget; under the same lease as the scheduled ' +
      'pass. Answers what it did.',
  })
  @ApiResponse({ status: 200, type: RecoveryPassReportDto })
  @ApiResponse({ status: 409, type: ErrorBody, description: 'RECOVERY_PASS_RUNNING' })
  processFailed(): Promise<RecoveryPassReportDto> {
    return this.passes.processFailedNow();
  }

  @Post('recover/:paymentId')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Recover one payment now',
    description:
      'Applies a grant never applied, queues a delivery never queued, sends fresh links when ' +
      'the delivery failed (an expired link is replaced), or makes waiting jobs due now. A payer ' +
      'already in every chat is sent nothing.',
  })
  @ApiParam(PAYMENT_ID)
  @ApiResponse({ status: 200, type: RecoveryResultDto })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'PAYMENT_NOT_FOUND' })
  async recover(
    @CurrentSeller() admin: AuthenticatedSeller,
    @Param('paymentId') paymentId: string,
  ): Promise<RecoveryResultDto> {
    const result = await this.recovery.recover(paymentId, 'manual', admin.id);
    if (result.outcome === 'not_found') {
      throw notFound();
    }
    return result;
  }

  @Post('bulk-recovery')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recover several payments now; each id is answered on its own' })
  @ApiResponse({ status: 200, type: BulkRecoveryAnswerDto })
  @ApiResponse(BAD_INPUT)
  async bulkRecovery(
    @CurrentSeller() admin: AuthenticatedSeller,
    @Body() dto: BulkRecoveryDto,
  ): Promise<BulkRecoveryAnswerDto> {
    const results: RecoveryResultDto[] = [];
    for (const paymentId of dto.paymentIds) {
      results.push(await this.recovery.recover(paymentId, 'bulk', admin.id));
    }
    return { results };
  }
}
