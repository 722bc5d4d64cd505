import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * The HTTP rate limit, for HTTP requests only. Registered as a global guard, Nest also runs it
 * before every bot handler (nestjs-telegraf builds its handlers with guards), where there is no
 * request and so no IP: all Telegram users would share one bucket, and past THROTTLE_LIMIT
 * updates a minute the bot would fail every update (measured: with the default of 300 it went
 * deaf; the in-memory bucket also grew with each update, making each check slower).
 */
@Injectable()
export class HttpThrottlerGuard extends ThrottlerGuard {
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(context.getType() !== 'http');
  }
}
