import type { InspectionDrivers } from '../drivers/inspection.drivers';
import type { InvoiceRef } from '../drivers/payment.drivers';
import type { BotMembership } from '../drivers/seed.drivers';
import { FakeDriverError, TelegramApiError } from '../errors';
import type { ChatMemberStatus } from '../types';

/**
 * JSON bodies of /_fake requests. Values are checked where a wrong type would silently do the
 * wrong thing (ids); option objects are passed through to the typed drivers as given.
 */
class Args {
  constructor(private readonly body: Record<string, unknown>) {}

  num(name: string): number {
    const value = Number(this.body[name]);
    if (this.body[name] === undefined || !Number.isFinite(value)) {
      throw new FakeDriverError(`"${name}" (number) is required`);
    }
    return value;
  }

  str(name: string): string {
    const value = this.body[name];
    if (typeof value !== 'string') {
      throw new FakeDriverError(`"${name}" (string) is required`);
    }
    return value;
  }

  /** The whole body as a driver's option object (the drivers validate what they use). */
  as<T>(): T {
    return this.body as T;
  }

  get<T>(name: string): T | undefined {
    return this.body[name] as T | undefined;
  }
}

type Action = (tg: InspectionDrivers, args: Args) => unknown;

const POST_ACTIONS: Record<string, Action> = {
  createBot: (tg, a) => tg.createBot(a.as()),
  createUser: (tg, a) => tg.createUser(a.as()),
  createChat: (tg, a) => tg.createChat(a.as()),
  addMember: (tg, a) =>
    tg.addMember(a.num('chatId'), a.num('userId'), a.get<ChatMemberStatus>('status'), a.as()),
  setBotRights: (tg, a) =>
    tg.setBotRights(
      a.num('chatId'),
      a.get<string | number>('bot') ?? tg.core.bot().id,
      a.get<BotMembership>('rights') ?? 'member',
      a.as(),
    ),
  createTopic: (tg, a) => tg.createTopic(a.num('chatId'), a.str('name'), a.as()),
  advanceTime: (tg, a) => tg.advanceTime(a.num('seconds')),
  startBot: (tg, a) => tg.startBot(a.num('userId'), a.as()),
  sendMessage: (tg, a) => tg.sendMessage(a.num('userId'), a.str('text'), a.as()),
  sendCommand: (tg, a) => tg.sendCommand(a.num('userId'), a.str('command'), a.as()),
  sendPhoto: (tg, a) => tg.sendPhoto(a.num('userId'), a.as()),
  pressButton: (tg, a) => tg.pressButton(a.num('userId'), a.as()),
  blockBot: (tg, a) => tg.blockBot(a.num('userId'), a.as()),
  unblockBot: (tg, a) => tg.unblockBot(a.num('userId'), a.as()),
  openInviteLink: (tg, a) => tg.openInviteLink(a.num('userId'), a.str('link')),
  subscribeViaLink: (tg, a) => tg.subscribeViaLink(a.num('userId'), a.str('link')),
  renewChatSubscription: (tg, a) =>
    tg.renewChatSubscription(a.num('userId'), a.num('chatId'), a.as()),
  lapseChatSubscription: (tg, a) => tg.lapseChatSubscription(a.num('userId'), a.num('chatId')),
  leaveChat: (tg, a) => tg.leaveChat(a.num('userId'), a.num('chatId')),
  addUserByAdmin: (tg, a) => tg.addUserByAdmin(a.num('chatId'), a.num('userId'), a.as()),
  banUserByAdmin: (tg, a) => tg.banUserByAdmin(a.num('chatId'), a.num('userId'), a.as()),
  changeBotMembership: (tg, a) =>
    tg.changeBotMembership(a.num('chatId'), a.get<BotMembership>('membership') ?? 'member', a.as()),
  demoteBot: (tg, a) => tg.demoteBot(a.num('chatId'), a.as()),
  removeBot: (tg, a) => tg.removeBot(a.num('chatId'), a.as()),
  payInvoice: (tg, a) => tg.payInvoice(a.num('userId'), a.as<InvoiceRef>(), a.as()),
  renewSubscription: (tg, a) => tg.renewSubscription(a.num('userId'), a.str('chargeId')),
  injectFault: (tg, a) => ({ id: tg.injectFault(a.as()) }),
  clearFault: (tg, a) => tg.clearFault(a.str('id')),
  clearFaults: (tg) => tg.clearFaults(),
  enableRateLimits: (tg, a) => tg.enableRateLimits(a.as()),
  disableRateLimits: (tg) => tg.disableRateLimits(),
  reset: (tg, a) => tg.reset(a.as()),
};

const GET_ACTIONS: Record<string, (tg: InspectionDrivers, query: URLSearchParams) => unknown> = {
  calls: (tg, q) => tg.calls(q.get('method') ?? undefined),
  messages: (tg, q) =>
    q.has('chatId') ? tg.messagesTo(Number(q.get('chatId'))) : tg.sentMessages(),
  pendingUpdates: (tg, q) => tg.pendingUpdates({ bot: q.get('bot') ?? undefined }),
  webhookDeliveries: (tg, q) => tg.webhookDeliveries({ bot: q.get('bot') ?? undefined }),
  chatMember: (tg, q) => tg.chatMember(Number(q.get('chatId')), Number(q.get('userId'))),
  inviteLinks: (tg, q) => tg.inviteLinks(Number(q.get('chatId'))),
  joinRequests: (tg, q) => tg.joinRequests(Number(q.get('chatId'))),
  faults: (tg) => tg.faults(),
  bots: (tg) =>
    tg.core.bots.all().map((b) => ({
      token: b.token,
      id: b.id,
      username: b.user.username,
      webhook: b.webhook?.url ?? null,
    })),
  users: (tg) => tg.core.users.all(),
};

export const CONTROL_ACTIONS = { post: Object.keys(POST_ACTIONS), get: Object.keys(GET_ACTIONS) };

/** Runs a /_fake action; answers { ok, result } or { ok: false, error }. */
export async function runControlAction(
  tg: InspectionDrivers,
  httpMethod: string,
  action: string,
  body: Record<string, unknown>,
  query: URLSearchParams,
): Promise<{ status: number; body: unknown }> {
  const handler = httpMethod === 'GET' ? GET_ACTIONS[action] : POST_ACTIONS[action];
  if (!handler) {
    return {
      status: 404,
      body: {
        ok: false,
        error: `unknown action ${httpMethod} /_fake/${action}`,
        actions: CONTROL_ACTIONS,
      },
    };
  }
  try {
    const result =
      httpMethod === 'GET'
        ? await (handler as (typeof GET_ACTIONS)[string])(tg, query)
        : await (handler as Action)(tg, new Args(body));
    return { status: 200, body: { ok: true, result: result ?? true } };
  } catch (error) {
    if (error instanceof FakeDriverError || error instanceof TelegramApiError) {
      return { status: 400, body: { ok: false, error: error.message } };
    }
    return { status: 500, body: { ok: false, error: (error as Error).message } };
  }
}
