import { Command, Ctx, Update } from 'nestjs-telegraf';
import type { Context } from 'telegraf';
import { AccessService } from '../access.service';
import { accessText } from '../access.texts';
import { Pseudonyms } from '../pseudonyms';

/** `/access`: fresh links for the user's active memberships. Thin: parse, call, answer. */
@Update()
export class AccessUpdate {
  constructor(
    private readonly access: AccessService,
    private readonly pseudonyms: Pseudonyms,
  ) {}

  @Command('access')
  async resend(@Ctx() ctx: Context): Promise<void> {
    if (!ctx.from || ctx.chat?.type !== 'private' || !ctx.message) {
      return;
    }
    const handles = await this.access.resendForUser({
      telegramUserId: ctx.from.id,
      // The command message names the request: a re-delivered update sends nothing twice.
      requestKey: this.pseudonyms.of('access', ctx.from.id, ctx.message.message_id).slice(0, 16),
    });
    await ctx.reply(
      handles.length === 0
        ? accessText('access.none')
        : accessText('access.sending', { count: handles.length }),
    );
  }
}
