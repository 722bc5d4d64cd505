import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AlertsModule } from '../alerts/alerts.module';
import { ChannelsModule } from '../channels/channels.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { OutboxModule } from '../outbox/outbox.module';
import { PaymentSettingsModule } from '../payment-settings/payment-settings.module';
import { PaymentsModule } from '../payments/payments.module';
import { RecoveryModule } from '../recovery/recovery.module';
import { SellerWebhooksModule } from '../seller-webhooks/seller-webhooks.module';
import { SellersModule } from '../sellers/sellers.module';
import { UsersModule } from '../users/users.module';
import { AdminAuthController } from './auth/admin-auth.controller';
import { AdminLoginCodeRepository } from './auth/admin-login-code.repository';
import { AdminLoginRequestRepository } from './auth/admin-login-request.repository';
import { AdminLoginRequestsService } from './auth/admin-login-requests.service';
import { AdminLoginTryRepository } from './auth/admin-login-try.repository';
import { AdminLoginService } from './auth/admin-login.service';
import { LoginCodeCrypto } from './auth/login-code.crypto';
import { AdminLoginCode, AdminLoginCodeSchema } from './auth/schemas/admin-login-code.schema';
import {
  AdminLoginRequest,
  AdminLoginRequestSchema,
} from './auth/schemas/admin-login-request.schema';
import { AdminLoginTry, AdminLoginTrySchema } from './auth/schemas/admin-login-try.schema';
import { AdminRecoveryController } from './recovery/admin-recovery.controller';
import { AdminSellersController } from './sellers/admin-sellers.controller';
import { AdminStatsController } from './stats/admin-stats.controller';
import { PlatformStatsService } from './stats/platform-stats.service';
import { AdminSecretsController } from './system/admin-secrets.controller';
import { AdminSystemController } from './system/admin-system.controller';
import { DatabaseProbe } from './system/database-probe';
import { SecretRotationService } from './system/secret-rotation.service';
import { SystemCheckService } from './system/system-check.service';
import { AdminUsersController } from './users/admin-users.controller';

/**
 * The platform-admin API: login by Telegram code, users and bans, statistics, the system check
 * and delivery recovery. Controllers only; the work is in the domains' services.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: AdminLoginRequest.name, schema: AdminLoginRequestSchema },
      { name: AdminLoginCode.name, schema: AdminLoginCodeSchema },
      { name: AdminLoginTry.name, schema: AdminLoginTrySchema },
    ]),
    OutboxModule,
    UsersModule,
    AlertsModule,
    RecoveryModule,
    SellersModule,
    ChannelsModule,
    MembershipsModule,
    PaymentsModule,
    PaymentSettingsModule,
    SellerWebhooksModule,
  ],
  controllers: [
    AdminAuthController,
    AdminUsersController,
    AdminSellersController,
    AdminSystemController,
    AdminSecretsController,
    AdminStatsController,
    AdminRecoveryController,
  ],
  providers: [
    AdminLoginRequestRepository,
    AdminLoginCodeRepository,
    AdminLoginTryRepository,
    AdminLoginRequestsService,
    AdminLoginService,
    LoginCodeCrypto,
    DatabaseProbe,
    SystemCheckService,
    SecretRotationService,
    PlatformStatsService,
  ],
})
export class AdminModule {}
