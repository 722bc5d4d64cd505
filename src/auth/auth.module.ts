import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { MongooseModule } from '@nestjs/mongoose';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AccessTokenService } from './access-token.service';
import { ApiKeyRepository } from './api-keys/api-key.repository';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { ApiKey, ApiKeySchema } from './api-keys/schemas/api-key.schema';
import { AuthHousekeepingService } from './auth-housekeeping.service';
import {
  SellerDisablement,
  SellerDisablementSchema,
} from './disablements/schemas/seller-disablement.schema';
import { SellerDisablementRepository } from './disablements/seller-disablement.repository';
import { SellerDisablementsService } from './disablements/seller-disablements.service';
import { RolesGuard } from './guards/roles.guard';
import { SellerAuthGuard } from './guards/seller-auth.guard';
import { LoginAttemptRepository } from './login-throttle/login-attempt.repository';
import { LoginThrottleService } from './login-throttle/login-throttle.service';
import { LoginAttempt, LoginAttemptSchema } from './login-throttle/schemas/login-attempt.schema';
import { RefreshTokenRepository } from './refresh-tokens/refresh-token.repository';
import { RefreshTokenService } from './refresh-tokens/refresh-token.service';
import {
  RefreshFamilyRevocation,
  RefreshFamilyRevocationSchema,
} from './refresh-tokens/schemas/refresh-family-revocation.schema';
import { RefreshToken, RefreshTokenSchema } from './refresh-tokens/schemas/refresh-token.schema';

/**
 * Credentials: access JWTs, refresh-token families, login throttling, API keys, disabled
 * accounts, and the guards every domain uses through @Auth(). Global so any controller can put
 * @Auth() on its routes without importing this module. Seller accounts live in SellersModule.
 */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    MongooseModule.forFeature([
      { name: RefreshToken.name, schema: RefreshTokenSchema },
      { name: RefreshFamilyRevocation.name, schema: RefreshFamilyRevocationSchema },
      { name: LoginAttempt.name, schema: LoginAttemptSchema },
      { name: ApiKey.name, schema: ApiKeySchema },
      { name: SellerDisablement.name, schema: SellerDisablementSchema },
    ]),
  ],
  controllers: [ApiKeysController],
  providers: [
    AccessTokenService,
    RefreshTokenRepository,
    RefreshTokenService,
    LoginAttemptRepository,
    LoginThrottleService,
    ApiKeyRepository,
    ApiKeysService,
    SellerDisablementRepository,
    SellerDisablementsService,
    SellerAuthGuard,
    RolesGuard,
    AuthHousekeepingService,
  ],
  exports: [
    AccessTokenService,
    RefreshTokenService,
    LoginThrottleService,
    ApiKeysService,
    SellerDisablementsService,
    SellerAuthGuard,
    RolesGuard,
  ],
})
export class AuthModule {}
