import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { MemberErasureEvent, PrivacyEvents } from '../privacy/privacy.events';
import { UsersService } from './users.service';

/**
 * A member's erasure reaches the Telegram users registry: once the user has no other live
 * membership with any seller, their profile (username, names, language) goes. While one remains
 * the entry stays, as the registry of someone the platform still serves; the erasure of the last
 * one clears it. Idempotent; a failure fails the erasure, which the privacy job runs again.
 */
@Injectable()
export class UserErasureListener {
  constructor(private readonly users: UsersService) {}

  @OnEvent(PrivacyEvents.MemberErasure, { suppressErrors: false })
  async onMemberErasure(event: MemberErasureEvent): Promise<void> {
    if (event.liveMembershipsRemain || event.telegramUserId <= 0) {
      return;
    }
    await this.users.eraseProfile(event.telegramUserId);
  }
}
