import { Injectable } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception';
import type { ListPaymentsQuery } from '../dto/list-payments.query';
import { PaymentDto, PaymentPageDto, toPaymentDto } from '../dto/payment.dto';
import { PaymentRefundsService } from '../payment-refunds.service';
import { PaymentRepository } from '../payment.repository';

const DEFAULT_LIMIT = 20;

/** The seller's view of their payments: tenancy is the repository's (every query by seller). */
@Injectable()
export class SellerPaymentsService {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly refunds: PaymentRefundsService,
  ) {}

  async list(sellerId: string, query: ListPaymentsQuery): Promise<PaymentPageDto> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.offset ?? 0;
    const page = await this.payments.listForSeller({
      sellerId,
      filter: {
        status: query.status,
        provider: query.provider,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      },
      limit,
      offset,
    });
    return { items: page.items.map(toPaymentDto), total: page.total, limit, offset };
  }

  async get(sellerId: string, id: string): Promise<PaymentDto> {
    const payment = await this.payments.findById(sellerId, id);
    if (!payment) {
      throw AppException.notFound('PAYMENT_NOT_FOUND', 'No such payment');
    }
    return toPaymentDto(payment);
  }

  async refund(sellerId: string, id: string, reason?: string): Promise<PaymentDto> {
    return toPaymentDto(await this.refunds.refundBySeller({ sellerId, paymentId: id, reason }));
  }
}
