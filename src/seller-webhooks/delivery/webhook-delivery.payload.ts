/** The outbox job kind that POSTs one event to one seller endpoint. */
export const WEBHOOK_DELIVER_KIND = 'webhook.deliver';

/** Ids only: the body and the endpoint (URL, secrets, enabled) are read at each attempt. */
export interface WebhookDeliverPayload {
  sellerId: string;
  endpointId: string;
  eventId: string;
  deliveryId: string;
}

declare module '../../outbox/outbox.types' {
  interface OutboxPayloads {
    [WEBHOOK_DELIVER_KIND]: WebhookDeliverPayload;
  }
}
