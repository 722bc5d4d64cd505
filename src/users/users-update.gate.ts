import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Update } from 'telegraf/types';
import { UpdateGate, UpdateGates } from '../telegram/updates/update-gate';
import { actorOf } from './update-actor';
import { UserBansService } from './user-bans.service';
import { UsersService } from './users.service';

/**
 * The bot's first stop for every update: records the user (throttled, at most one write) and
 * keeps banned users out. A banned user is told once per ban and gets no service; the updates
 * that must still be handled (see UpdateActor.passesBan) go on.
 */
@Injectable()
export class UsersUpdateGate implements UpdateGate, OnModuleInit {
  readonly name = 'users';
  private readonly logger = new Logger('Users');

  constructor(
    private readonly gates: UpdateGates,
    private readonly users: UsersService,
    private readonly bans: UserBansService,
  ) {}

  onModuleInit(): void {
    this.gates.register(this);
  }

  async allows(update: Update): Promise<boolean> {
    const actor = actorOf(update);
    if (!actor) {
      return true;
    }
    try {
      await this.users.recordSeen(actor);
    } catch (error) {
      // The registry is bookkeeping: a failed write must not cost the user their answer.
      this.logger.warn(`Could not record user ${actor.profile.telegramUserId}: ${String(error)}`);
    }
    const ban = await this.bans.current(actor.profile.telegramUserId);
    if (!ban || actor.passesBan) {
      return true;
    }
    await this.bans.noticeOnce(ban);
    return false;
  }
}
