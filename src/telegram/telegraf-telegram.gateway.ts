import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { InjectBot } from 'nestjs-telegraf';
import type { Telegraf, Telegram } from 'telegraf';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TelegramGateway } from './telegram.gateway';

/** getMe at boot is bounded: an unreachable Bot API must not hold up the HTTP API. */
const GET_ME_TIMEOUT_MS = 5_000;
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 60_000;

type BotInfo = { id: number; username: string };

/**
 * The gateway over telegraf's client (created by nestjs-telegraf with apiRoot from config). It
 * learns who the bot is with getMe at boot; when that fails it logs and retries in the background
 * with growing delays, so a Telegram outage at boot never stops the application.
 */
@Injectable()
export class TelegrafTelegramGateway
  extends TelegramGateway
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('Telegram');
  private info: BotInfo | undefined;
  private loading: Promise<BotInfo | undefined> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs = RETRY_MIN_MS;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @InjectBot() private readonly bot?: Telegraf,
  ) {
    super();
  }

  get enabled(): boolean {
    return this.bot !== undefined;
  }

  get botInfo(): BotInfo | undefined {
    return this.info;
  }

  api(): Telegram {
    if (!this.bot) {
      return this.disabled();
    }
    return this.bot.telegram;
  }

  /** The telegraf bot itself, for the bot module's webhook and lifecycle only. */
  telegraf(): Telegraf {
    if (!this.bot) {
      return this.disabled();
    }
    return this.bot;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.enabled) {
      await this.ensureBotInfo();
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  /** Who the bot is; asks Telegram once more if it is not known yet (undefined if that fails). */
  ensureBotInfo(): Promise<BotInfo | undefined> {
    if (this.info) {
      return Promise.resolve(this.info);
    }
    this.loading ??= this.loadBotInfo().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async loadBotInfo(): Promise<BotInfo | undefined> {
    const bot = this.telegraf();
    try {
      const me = await bot.telegram.callApi(
        'getMe',
        {},
        // telegraf types the signal as the abort-controller polyfill; node-fetch takes the native one.
        { signal: AbortSignal.timeout(GET_ME_TIMEOUT_MS) as never },
      );
      // handleUpdate would otherwise call getMe itself and cache a failure for good.
      bot.botInfo = me;
      this.info = { id: me.id, username: me.username };
      clearTimeout(this.retryTimer);
      this.retryDelayMs = RETRY_MIN_MS;
      this.logger.log(`Telegram bot @${me.username} (${this.config.telegram.mode} mode)`);
      return this.info;
    } catch (error) {
      this.logger.error(
        `getMe failed: ${(error as Error).message}; retrying in ${this.retryDelayMs} ms`,
      );
      this.scheduleRetry();
      return undefined;
    }
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) {
      return;
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.ensureBotInfo();
    }, this.retryDelayMs);
    this.retryTimer.unref();
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, RETRY_MAX_MS);
  }
}
