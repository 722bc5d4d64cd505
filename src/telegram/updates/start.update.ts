import { Ctx, Help, Start, Update } from 'nestjs-telegraf';
import type { Context } from 'telegraf';
import { StartPayloadRegistry, StartRequest } from '../start/start-payload.registry';
import { parseStartPayload, startPayloadFromText } from '../start/start-payload';
import { TelegrafTelegramGateway } from '../telegraf-telegram.gateway';
import { t } from '../texts/t';

/** /start (with deep-link payloads handed to the registered domain handler) and /help. */
@Update()
export class StartUpdate {
  constructor(
    private readonly starts: StartPayloadRegistry,
    private readonly gateway: TelegrafTelegramGateway,
  ) {}

  @Start()
  async start(@Ctx() ctx: Context): Promise<void> {
    const { from, chat, message } = ctx;
    if (!from || !chat) {
      return;
    }
    const text = message && 'text' in message ? message.text : undefined;
    const request: StartRequest = {
      payload: parseStartPayload(startPayloadFromText(text)),
      user: {
        id: from.id,
        username: from.username,
        firstName: from.first_name,
        languageCode: from.language_code,
      },
      chatId: chat.id,
      reply: async (replyText, extra) => {
        await ctx.reply(replyText, extra);
      },
    };
    if (!(await this.starts.dispatch(request))) {
      const botName = this.gateway.botInfo?.username ?? ctx.botInfo.username;
      await ctx.reply(t('start.welcome', { botName: `@${botName}` }, from.language_code));
    }
  }

  @Help()
  async help(@Ctx() ctx: Context): Promise<void> {
    await ctx.reply(t('help', {}, ctx.from?.language_code));
  }
}
