import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MembershipsModule } from '../memberships/memberships.module';
import { OutboxModule } from '../outbox/outbox.module';
import { PaymentsModule } from '../payments/payments.module';
import { PaymentsBanCheck } from './payments-ban-check';
import { TelegramUserBan, TelegramUserBanSchema } from './schemas/telegram-user-ban.schema';
import { TelegramUser, TelegramUserSchema } from './schemas/telegram-user.schema';
import { TelegramUserBanRepository } from './telegram-user-ban.repository';
import { TelegramUserRepository } from './telegram-user.repository';
import { UserBansService } from './user-bans.service';
import { UserBlockListener } from './user-block.listener';
import { UserErasureListener } from './user-erasure.listener';
import { UsersUpdateGate } from './users-update.gate';
import { UsersService } from './users.service';

/**
 * The Telegram users registry and platform-wide bans. Plugs into the bot as an update gate
 * (TelegramModule is global) and into payments as their ban check; other domains use
 * `UsersService.isBanned()`.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: TelegramUser.name, schema: TelegramUserSchema },
      { name: TelegramUserBan.name, schema: TelegramUserBanSchema },
    ]),
    OutboxModule,
    PaymentsModule,
    MembershipsModule,
  ],
  providers: [
    PaymentsBanCheck,
    TelegramUserRepository,
    TelegramUserBanRepository,
    UserBansService,
    UsersService,
    UsersUpdateGate,
    UserBlockListener,
    UserErasureListener,
  ],
  exports: [UsersService],
})
export class UsersModule {}
