import { Injectable } from '@nestjs/common';

/** Whether a Telegram user may buy; the platform admin's ban list plugs in here. */
export interface UserBanCheck {
  isBanned(telegramUserId: number): Promise<boolean>;
}

/**
 * The ban check in force for payments (pre-checkout, the bot's plan offer). Everyone is allowed
 * until a module registers a real check with `use()` at start-up (the admin issue does).
 */
@Injectable()
export class UserBanChecks {
  private check: UserBanCheck | undefined;

  use(check: UserBanCheck): void {
    this.check = check;
  }

  async isBanned(telegramUserId: number): Promise<boolean> {
    return this.check ? this.check.isBanned(telegramUserId) : false;
  }
}
