import {
  DynamicModule,
  MiddlewareConsumer,
  Module,
  ModuleMetadata,
  NestModule,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { ThrottlerModule } from '@nestjs/throttler';
import { HttpThrottlerGuard } from './common/http/http-throttler.guard';
import { LoggerModule } from 'nestjs-pino';
import { AdminModule } from './admin/admin.module';
import { AlertsModule } from './alerts/alerts.module';
import { AccessModule } from './access/access.module';
import { AuthModule } from './auth/auth.module';
import { ChannelsModule } from './channels/channels.module';
import { Clock, SystemClock } from './common/clock/clock';
import { CommonModule } from './common/common.module';
import { CryptoModule } from './common/crypto/crypto.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { appValidationPipe } from './common/http/validation.pipe';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { JsonBodyMiddleware } from './common/http/json-body.middleware';
import { RejectOperatorsMiddleware } from './common/http/reject-operators.middleware';
import { loggerOptions } from './common/logging/logger.options';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LeasesModule } from './leases/leases.module';
import { MembershipsModule } from './memberships/memberships.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PrivacyModule } from './privacy/privacy.module';
import { SellerMembersModule } from './seller-members/seller-members.module';
import { SellersModule } from './sellers/sellers.module';
import { PaymentSettingsModule } from './payment-settings/payment-settings.module';
import { PaymentsModule } from './payments/payments.module';
import { PlansModule } from './plans/plans.module';
import { PromoCodesModule } from './promo-codes/promo-codes.module';
import { SellerWebhooksModule } from './seller-webhooks/seller-webhooks.module';
import { OutboxModule } from './outbox/outbox.module';
import { TelegramModule } from './telegram/telegram.module';
import { UsersModule } from './users/users.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** Replaces the system clock (tests move time instead of sleeping). */
  clock?: Clock;
  /** Extra modules, for tests that need a probe controller. */
  extraImports?: ModuleMetadata['imports'];
}

@Module({})
export class AppModule implements NestModule {
  static forRoot({ config, clock, extraImports = [] }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        CommonModule.forRoot(clock ?? new SystemClock()),
        LoggerModule.forRoot(loggerOptions(config)),
        ThrottlerModule.forRoot([{ ttl: config.throttle.ttlMs, limit: config.throttle.limit }]),
        ScheduleModule.forRoot(),
        EventEmitterModule.forRoot(),
        DatabaseModule,
        LeasesModule,
        HealthModule,
        MembershipsModule,
        TelegramModule.forRoot(config),
        OutboxModule,
        CryptoModule,
        IdempotencyModule,
        AuthModule,
        SellersModule,
        ChannelsModule,
        PlansModule,
        PaymentSettingsModule,
        PromoCodesModule,
        PaymentsModule,
        SellerWebhooksModule,
        NotificationsModule,
        AccessModule,
        PrivacyModule,
        SellerMembersModule,
        UsersModule,
        AlertsModule,
        AdminModule,
        ...extraImports,
      ],
      providers: [
        { provide: APP_PIPE, useValue: appValidationPipe() },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_GUARD, useClass: HttpThrottlerGuard },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonBodyMiddleware, RejectOperatorsMiddleware).forRoutes('*path');
  }
}
