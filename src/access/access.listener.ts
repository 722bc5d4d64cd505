import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { MembershipEvents, MembershipGrantedEvent } from '../memberships/memberships.events';
import {
  PaymentEvents,
  PaymentFailedEvent,
  PaymentRefundedEvent,
} from '../payments/payments.events';
import { AccessService } from './access.service';

/**
 * The access domain's reactions to other domains: a grant delivers links, a refund revokes at
 * once, a failed renewal tells the member about the grace period. Errors propagate (the caller,
 * e.g. a Stripe webhook, fails and is retried; every reaction here is idempotent).
 */
@Injectable()
export class AccessListener {
  constructor(private readonly access: AccessService) {}

  @OnEvent(MembershipEvents.Granted, { suppressErrors: false })
  async onGranted(event: MembershipGrantedEvent): Promise<void> {
    await this.access.deliverGrant(event.grant, event.membership);
  }

  @OnEvent(PaymentEvents.Refunded, { suppressErrors: false })
  async onRefunded(event: PaymentRefundedEvent): Promise<void> {
    if (event.membershipId) {
      await this.access.revoke(event.membershipId, `payment ${event.payment.id} refunded`);
    }
  }

  @OnEvent(PaymentEvents.Failed, { suppressErrors: false })
  async onPaymentFailed(event: PaymentFailedEvent): Promise<void> {
    if (event.membershipId) {
      await this.access.startGrace({
        membershipId: event.membershipId,
        reason: event.reason,
        eventKey: event.payment.id,
      });
    }
  }
}
