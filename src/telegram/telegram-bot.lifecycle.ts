import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { sleep } from '@app/common';
import type { Telegraf } from 'telegraf';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ALLOWED_UPDATES, botCommands } from './bot-setup';
import { TelegrafTelegramGateway } from './telegraf-telegram.gateway';
import { webhookUrl } from './webhook/webhook-path';

const CALL_TIMEOUT_MS = 5_000;
const RETRY_MAX_MS = 60_000;
const STOP_WAIT_MS = 5_000;

/**
 * Connects the bot the configured way. Webhook mode: setWebhook to PUBLIC_URL plus the derived
 * path, with the secret token and our allowed_updates; the updates then arrive through our own
 * HTTP server (TelegramWebhookEndpoint), telegraf never listens itself. Polling mode (local
 * development): telegraf's long polling. Setup calls that fail are logged and retried in the
 * background: the HTTP API never waits for Telegram.
 *
 * Stopping is owned here. nestjs-telegraf's shutdown hook calls `bot.stop()`, which throws "Bot is
 * not running!" when the bot never launched (webhook mode; nestjs-telegraf issue 1079), so that
 * hook is turned into a no-op and this class stops polling itself, waiting for the loop to end.
 */
@Injectable()
export class TelegramBotLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('Telegram');
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopBot: ((reason: string) => void) | undefined;
  private polling: Promise<void> | undefined;
  private pollingSettled = false;
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gateway: TelegrafTelegramGateway,
  ) {
    if (gateway.enabled) {
      const bot = gateway.telegraf();
      this.stopBot = bot.stop.bind(bot);
      bot.stop = () => undefined;
      // A failing handler must fail the webhook request (Telegram re-delivers); nestjs-telegraf's
      // default only logs. Polling has no such retry, and a throw would end the polling loop.
      bot.catch((error, ctx) => {
        if (config.telegram.mode === 'webhook') {
          throw error;
        }
        this.logger.error(
          `Update ${ctx.update.update_id} failed: ${(error as Error).message}`,
          (error as Error).stack,
        );
      });
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    const { mode, botToken } = this.config.telegram;
    if (!this.gateway.enabled) {
      this.logger.log(
        botToken
          ? 'Telegram bot is off: TELEGRAM_MODE=off'
          : 'Telegram bot is off: TELEGRAM_BOT_TOKEN is not set',
      );
      return;
    }
    const bot = this.gateway.telegraf();
    const setup: Promise<void>[] = [this.retrying('setMyCommands', () => this.setCommands(bot))];
    if (mode === 'webhook') {
      setup.push(this.retrying('setWebhook', () => this.setWebhook(bot)));
    } else if (mode === 'polling') {
      this.startPolling(bot);
    }
    await Promise.all(setup);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.clearTimers();
    if (!this.polling || !this.stopBot) {
      return;
    }
    // launch() may still be between getMe and the first getUpdates; stop works once it polls.
    const deadline = Date.now() + STOP_WAIT_MS;
    while (!this.pollingSettled && Date.now() < deadline) {
      try {
        this.stopBot('application shutdown');
        break;
      } catch {
        await sleep(20);
      }
    }
    await Promise.race([this.polling, sleep(STOP_WAIT_MS)]);
  }

  onApplicationShutdown(): void {
    this.clearTimers();
  }

  private async setWebhook(bot: Telegraf): Promise<void> {
    const secret = this.config.telegram.webhookSecret;
    if (!secret) {
      this.logger.error('TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_SECRET: no webhook is set');
      return;
    }
    await bot.telegram.callApi(
      'setWebhook',
      {
        url: webhookUrl(this.config.publicUrl, secret),
        secret_token: secret,
        allowed_updates: [...ALLOWED_UPDATES],
      },
      { signal: timeoutSignal() },
    );
    this.logger.log(`Telegram webhook set on ${this.config.publicUrl}`);
  }

  private async setCommands(bot: Telegraf): Promise<void> {
    await bot.telegram.callApi(
      'setMyCommands',
      { commands: botCommands() },
      {
        signal: timeoutSignal(),
      },
    );
  }

  private startPolling(bot: Telegraf): void {
    const run = async (): Promise<void> => {
      await this.gateway.ensureBotInfo();
      await bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] });
    };
    this.pollingSettled = false;
    this.polling = run()
      .catch((error: unknown) => {
        if (!this.stopping) {
          this.logger.error(`Long polling stopped: ${(error as Error).message}; restarting`);
          this.later(() => this.startPolling(bot), 5_000);
        }
      })
      .finally(() => (this.pollingSettled = true));
    this.logger.log('Telegram long polling started');
  }

  /** First try now (bounded); on failure keep trying in the background with growing delays. */
  private async retrying(name: string, call: () => Promise<void>, delayMs = 1_000): Promise<void> {
    try {
      await call();
    } catch (error) {
      if (this.stopping) {
        return;
      }
      this.logger.error(`${name} failed: ${(error as Error).message}; retrying in ${delayMs} ms`);
      this.later(
        () => void this.retrying(name, call, Math.min(delayMs * 2, RETRY_MAX_MS)),
        delayMs,
      );
    }
  }

  private later(work: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopping) {
        work();
      }
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private clearTimers(): void {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
  }
}

// telegraf types the signal as the abort-controller polyfill; node-fetch takes the native one.
function timeoutSignal(): never {
  return AbortSignal.timeout(CALL_TIMEOUT_MS) as never;
}
