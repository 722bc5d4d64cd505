import { DynamicModule, Module, Provider } from '@nestjs/common';
import { TelegrafModule } from 'nestjs-telegraf';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { StartPayloadRegistry } from './start/start-payload.registry';
import { TelegrafTelegramGateway } from './telegraf-telegram.gateway';
import { TelegramBotLifecycle } from './telegram-bot.lifecycle';
import { TelegramGateway } from './telegram.gateway';
import { ChatEventsUpdate } from './updates/chat-events.update';
import { StartUpdate } from './updates/start.update';
import { UpdateGates } from './updates/update-gate';
import { telegramWebhookEnabled } from './webhook/mount-telegram-webhook';
import { TelegramWebhookEndpoint } from './webhook/telegram-webhook.endpoint';
import { TelegramWebhookService } from './webhook/telegram-webhook.service';

/** Telegram answers a handler that takes longer than this with a re-delivery anyway. */
const HANDLER_TIMEOUT_MS = 30_000;

/**
 * The bot: nestjs-telegraf for the `@Update()` handler classes, telegraf's client pointed at
 * TELEGRAM_API_ROOT, updates from our own webhook route (or long polling in development).
 * With no token (or TELEGRAM_MODE=off) telegraf is not even created and the gateway reports
 * `enabled: false`; the rest of the application runs as usual.
 *
 * Extension points, so other domains never edit this module:
 * - deep links: `StartPayloadRegistry.register('plan', handler)`;
 * - update gates (bans): `UpdateGates.register(gate)`;
 * - membership changes: `@OnEvent(TelegramEvents.…, { suppressErrors: false })`;
 * - payments: an `@Update()` class in the payments module with `@On('pre_checkout_query')` and
 *   `@On('successful_payment')` handlers; nestjs-telegraf discovers `@Update()` classes in every
 *   module and ALLOWED_UPDATES already asks Telegram for pre_checkout_query.
 */
@Module({})
export class TelegramModule {
  static forRoot(config: AppConfig): DynamicModule {
    const { mode, botToken } = config.telegram;
    const enabled = botToken !== undefined && mode !== 'off';
    const gates = new UpdateGates();
    const providers: Provider[] = [
      TelegrafTelegramGateway,
      { provide: TelegramGateway, useExisting: TelegrafTelegramGateway },
      { provide: UpdateGates, useValue: gates },
      StartPayloadRegistry,
      TelegramBotLifecycle,
    ];
    if (enabled) {
      providers.push(StartUpdate, ChatEventsUpdate);
    }
    if (telegramWebhookEnabled(config)) {
      // Served ahead of Nest's router: see mountTelegramWebhook (called by createApp).
      providers.push(TelegramWebhookService, TelegramWebhookEndpoint);
    }
    return {
      module: TelegramModule,
      global: true,
      imports: enabled
        ? [
            TelegrafModule.forRootAsync({
              inject: [APP_CONFIG],
              useFactory: (appConfig: AppConfig) => ({
                token: botToken,
                // We launch (polling) or serve the webhook ourselves; see TelegramBotLifecycle.
                launchOptions: false,
                options: {
                  handlerTimeout: HANDLER_TIMEOUT_MS,
                  // Replies go out as their own calls, so their errors reach the handler.
                  telegram: { apiRoot: appConfig.telegram.apiRoot, webhookReply: false },
                },
                middlewares: [gates.middleware()],
              }),
            }),
          ]
        : [],
      providers,
      exports: [TelegramGateway, TelegrafTelegramGateway, UpdateGates, StartPayloadRegistry],
    };
  }
}
