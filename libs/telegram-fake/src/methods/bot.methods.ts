import { badRequest } from '../errors';
import type { BotCommand } from '../types';
import type { MethodContext, MethodTable } from './context';

/** Commands are stored per scope + language, as Telegram keeps separate lists. */
function scopeKey(ctx: MethodContext): string {
  const scope = ctx.params.json<{ type?: string; chat_id?: number | string; user_id?: number }>(
    'scope',
  );
  const language = ctx.params.string('language_code') ?? '';
  return JSON.stringify([
    scope?.type ?? 'default',
    scope?.chat_id ?? null,
    scope?.user_id ?? null,
    language,
  ]);
}

export const botMethods: MethodTable = {
  getMe: (ctx) => ctx.bot.me(),

  setMyCommands: (ctx) => {
    const commands = ctx.params.json<BotCommand[]>('commands');
    if (!Array.isArray(commands)) {
      throw badRequest('parameter "commands" is required');
    }
    if (commands.length > 100) {
      throw badRequest('too many commands specified');
    }
    for (const command of commands) {
      if (typeof command?.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(command.command)) {
        throw badRequest('BOT_COMMAND_INVALID');
      }
      if (
        typeof command.description !== 'string' ||
        command.description.length < 1 ||
        command.description.length > 256
      ) {
        throw badRequest('command description must be non-empty');
      }
    }
    ctx.bot.commands.set(
      scopeKey(ctx),
      commands.map(({ command, description }) => ({ command, description })),
    );
    ctx.core.changed();
    return true;
  },

  getMyCommands: (ctx) => ctx.bot.commands.get(scopeKey(ctx)) ?? [],

  deleteMyCommands: (ctx) => {
    ctx.bot.commands.delete(scopeKey(ctx));
    return true;
  },
};
