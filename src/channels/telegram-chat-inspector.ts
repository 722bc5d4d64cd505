import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { TelegramError } from 'telegraf';
import { AppException } from '../common/errors/app.exception';
import { TelegramGateway } from '../telegram/telegram.gateway';
import { assessBotRights, BotRight, BotRightsAssessment } from './bot-rights';

export interface InspectedChat {
  id: number;
  type: string;
  title: string;
  username: string | null;
}

export type ChatInspection =
  | { kind: 'found'; chat: InspectedChat; rights: BotRightsAssessment }
  /** Telegram does not show us the chat: it does not exist, or it is private and we are not in it. */
  | { kind: 'not_found' }
  /** The chat exists but the bot was removed from it. */
  | { kind: 'no_access'; botStatus: 'kicked' | 'left' };

/**
 * Looks at a chat through the Bot API the way the channels domain needs: what the chat is, and
 * what the bot may do there (getChat, then getChatMember for the bot itself). Telegram's answers
 * become outcomes; only "Telegram is unavailable" is an error.
 */
@Injectable()
export class TelegramChatInspector {
  private readonly logger = new Logger(TelegramChatInspector.name);

  constructor(private readonly gateway: TelegramGateway) {}

  async inspect(chatRef: number | string): Promise<ChatInspection> {
    const api = this.gateway.api();
    try {
      const chat = await api.getChat(chatRef);
      const botId = this.gateway.botInfo?.id ?? (await api.getMe()).id;
      const member = await api.getChatMember(chat.id, botId);
      return {
        kind: 'found',
        chat: {
          id: chat.id,
          type: chat.type,
          title: 'title' in chat ? chat.title : String(chat.id),
          username: 'username' in chat && chat.username ? chat.username : null,
        },
        rights: assessBotRights({
          status: member.status,
          rights: member as unknown as Partial<Record<BotRight, boolean>>,
        }),
      };
    } catch (error) {
      return this.outcomeOf(error);
    }
  }

  private outcomeOf(error: unknown): ChatInspection {
    if (error instanceof TelegramError) {
      const description = error.description.toLowerCase();
      if (error.code === 400 && description.includes('chat not found')) {
        return { kind: 'not_found' };
      }
      if (error.code === 403 && description.includes('kicked')) {
        return { kind: 'no_access', botStatus: 'kicked' };
      }
      if (error.code === 403 && description.includes('not a member')) {
        return { kind: 'no_access', botStatus: 'left' };
      }
      if (error.code === 400 && /(user|member|participant) not found/.test(description)) {
        return { kind: 'no_access', botStatus: 'left' };
      }
    }
    if (error instanceof AppException) {
      throw error;
    }
    this.logger.warn(`Telegram did not answer a chat inspection: ${(error as Error).message}`);
    throw new AppException(
      HttpStatus.BAD_GATEWAY,
      'TELEGRAM_UNAVAILABLE',
      'Telegram did not answer; try again shortly',
    );
  }
}
