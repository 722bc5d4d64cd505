import { Injectable, OnModuleInit } from '@nestjs/common';
import { UserBanChecks } from '../payments/ban-check';
import { UsersService } from './users.service';

/** Gives payments the platform's ban list: a banned user cannot pay (pre-checkout, plan offer). */
@Injectable()
export class PaymentsBanCheck implements OnModuleInit {
  constructor(
    private readonly checks: UserBanChecks,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.checks.use({ isBanned: (telegramUserId) => this.users.isBanned(telegramUserId) });
  }
}
