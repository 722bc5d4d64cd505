/** Events the seller-webhooks domain emits (with emitAsync). */
export const SellerWebhookEvents = {
  /** An endpoint failed too many times in a row and was switched off. Once per disablement. */
  EndpointDisabled: 'seller_webhooks.endpoint_disabled',
} as const;

export interface WebhookEndpointDisabledEvent {
  sellerId: string;
  endpointId: string;
  url: string;
  /** Consecutive failed attempts that led to it. */
  failures: number;
  lastError: string | null;
  at: Date;
}
