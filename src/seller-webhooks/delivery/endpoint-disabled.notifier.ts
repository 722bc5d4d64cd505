import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { EmailService } from '../../notifications/email.service';
import { SellersService } from '../../sellers/sellers.service';
import { SellerWebhookEvents, WebhookEndpointDisabledEvent } from '../seller-webhooks.events';

/**
 * Tells the seller that an endpoint was switched off. Sellers have no Telegram account on file,
 * so the notice goes to the account's e-mail (when SMTP is configured); the endpoint itself
 * shows `enabled: false, disabledReason: "consecutive_failures"` in the API either way, and the
 * switch-off is logged.
 */
@Injectable()
export class EndpointDisabledNotifier {
  private readonly logger = new Logger('SellerWebhooks');

  constructor(
    private readonly sellers: SellersService,
    private readonly email: EmailService,
  ) {}

  @OnEvent(SellerWebhookEvents.EndpointDisabled)
  async onDisabled(event: WebhookEndpointDisabledEvent): Promise<void> {
    if (!this.email.enabled) {
      return;
    }
    try {
      const seller = await this.sellers.get(event.sellerId);
      await this.email.queue({
        key: `webhook-endpoint-disabled:${event.endpointId}:${event.at.getTime()}`,
        sellerId: event.sellerId,
        to: seller.email,
        subject: 'Your Membergate webhook endpoint was switched off',
        text: disabledText(event),
      });
    } catch (error) {
      this.logger.error(`Could not e-mail about endpoint ${event.endpointId}: ${String(error)}`);
    }
  }
}

function disabledText(event: WebhookEndpointDisabledEvent): string {
  return [
    `Your webhook endpoint ${event.url} failed ${event.failures} deliveries in a row, so we ` +
      'switched it off. It receives no events until you switch it on again.',
    '',
    `Last error: ${event.lastError ?? 'unknown'}`,
    '',
    'To recover: fix the receiver, send PATCH /api/sellers/webhooks/' +
      `${event.endpointId} with {"enabled": true}, then resend what it missed from ` +
      `GET /api/sellers/webhooks/${event.endpointId}/deliveries.`,
  ].join('\n');
}
