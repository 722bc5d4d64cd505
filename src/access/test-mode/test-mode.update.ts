import { Action, Command, Ctx, Update } from 'nestjs-telegraf';
import type { Context } from 'telegraf';
import { GETLINK_ACTION, TestModeReply, TestModeService } from './test-mode.service';

/** `/getlink` and its channel buttons. Thin: parse, call the service, answer. */
@Update()
export class TestModeUpdate {
  constructor(private readonly testMode: TestModeService) {}

  @Command('getlink')
  async getlink(@Ctx() ctx: Context): Promise<void> {
    const message = ctx.message;
    if (!ctx.from || ctx.chat?.type !== 'private' || !message || !('text' in message)) {
      return;
    }
    const reply = await this.testMode.command({
      adminId: ctx.from.id,
      args: message.text.split(/\s+/).slice(1),
      requestId: message.message_id,
    });
    await answer(ctx, reply);
  }

  @Action(GETLINK_ACTION)
  async choose(@Ctx() ctx: Context): Promise<void> {
    const query = ctx.callbackQuery;
    const match = GETLINK_ACTION.exec(query && 'data' in query ? query.data : '');
    if (!query || !match) {
      return;
    }
    await ctx.answerCbQuery();
    const reply = await this.testMode.choose({
      adminId: query.from.id,
      minutes: Number(match[1]),
      chatId: Number(match[2]),
      requestId: query.message?.message_id ?? 0,
    });
    if (reply) {
      await answer(ctx, reply);
    }
  }
}

async function answer(ctx: Context, reply: TestModeReply): Promise<void> {
  await ctx.reply(
    reply.text,
    reply.buttons ? { reply_markup: { inline_keyboard: reply.buttons } } : undefined,
  );
}
