export { TelegramFakeServer, type TelegramFakeStartOptions } from './telegram-fake.server';
export type { ApiCall } from './call-log';
export type { FaultSpec, FaultRule } from './faults';
export type { RateLimitConfig, RateWindow } from './rate-limiter';
export { DEFAULT_RATE_LIMITS } from './rate-limiter';
export type { WebhookDelivery, WebhookOptions } from './updates/webhook-manager';
export type { BotRef } from './drivers/driver-base';
export type {
  BotInfo,
  FakeChatInfo,
  AddMemberOptions,
  BotMembership,
} from './drivers/seed.drivers';
export type { UserMessageOptions, PressButtonOptions } from './drivers/user.drivers';
export type { JoinOutcome } from './drivers/membership.drivers';
export type { InvoiceRef, PaymentOutcome } from './drivers/payment.drivers';
export type { WaitOptions } from './drivers/inspection.drivers';
export type { CreateBotInput } from './state/bots';
export type { CreateUserInput } from './state/users';
export type { CreateChatInput } from './state/chats';
export type { AdminRightsInput } from './state/members';
export { TelegramApiError, FakeDriverError } from './errors';
export * from './types';
export { callBotApi, okResult, type RawApiResult } from './testing/call-api';
