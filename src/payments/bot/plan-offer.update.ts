import { Action, Ctx, Update } from 'nestjs-telegraf';
import type { Context } from 'telegraf';
import { OFFER_ACTION, OfferChoice, PlanOfferService } from './plan-offer.service';

/** The offer's buttons. Thin: parse the callback, call the service, answer. */
@Update()
export class PlanOfferUpdate {
  constructor(private readonly offers: PlanOfferService) {}

  @Action(OFFER_ACTION)
  async choose(@Ctx() ctx: Context): Promise<void> {
    const query = ctx.callbackQuery;
    const data = query && 'data' in query ? query.data : undefined;
    const match = OFFER_ACTION.exec(data ?? '');
    if (!query || !match || !ctx.chat) {
      return;
    }
    // Answered first: the button's spinner stops at once, whatever the choice then takes.
    await ctx.answerCbQuery();
    const reply = await this.offers.choose({
      choice: match[1] as OfferChoice,
      planId: match[2],
      telegramUserId: query.from.id,
      chatId: ctx.chat.id,
    });
    await ctx.reply(
      reply.text,
      reply.buttons ? { reply_markup: { inline_keyboard: reply.buttons } } : undefined,
    );
  }
}
