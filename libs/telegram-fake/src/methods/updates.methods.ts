import { Errors, badRequest } from '../errors';
import type { WebhookInfo } from '../types';
import type { MethodContext, MethodTable } from './context';

const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

/** allowed_updates: absent = keep the previous setting, [] = Telegram's default set. */
function applyAllowedUpdates(ctx: MethodContext): void {
  const allowed = ctx.params.json<string[]>('allowed_updates');
  if (allowed === undefined) {
    return;
  }
  if (!Array.isArray(allowed)) {
    throw badRequest("can't parse allowed_updates JSON array");
  }
  ctx.bot.allowedUpdates = allowed.length ? allowed.map(String) : undefined;
}

function dropPending(ctx: MethodContext): void {
  if (ctx.params.bool('drop_pending_updates')) {
    ctx.bot.queue.clear();
  }
}

export const updateMethods: MethodTable = {
  /**
   * http:// URLs are allowed (Telegram insists on https) because tests run local webhooks;
   * everything else about the webhook lifecycle follows Telegram.
   */
  setWebhook: (ctx) => {
    const { bot, params, core } = ctx;
    const url = params.string('url') ?? '';
    const secretToken = params.string('secret_token');
    if (secretToken !== undefined && !SECRET_TOKEN.test(secretToken)) {
      throw badRequest('secret token contains unallowed characters');
    }
    if (url === '') {
      return updateMethods.deleteWebhook(ctx);
    }
    if (!/^https?:\/\/[^\s]+$/i.test(url)) {
      throw badRequest('bad webhook: Failed to resolve host: Name or service not known');
    }
    applyAllowedUpdates(ctx);
    dropPending(ctx);
    const maxConnections = params.int('max_connections') ?? 40;
    bot.webhook = {
      url,
      ...(secretToken ? { secretToken } : {}),
      maxConnections,
      ...(params.string('ip_address') ? { ipAddress: params.string('ip_address') } : {}),
    };
    // A getUpdates still held open is ended the way Telegram ends it.
    bot.queue.terminateWaiter(Errors.conflictWebhook());
    core.webhooks.activate(bot);
    core.changed();
    return true;
  },

  deleteWebhook: (ctx) => {
    dropPending(ctx);
    ctx.bot.webhook = undefined;
    ctx.core.webhooks.deactivate(ctx.bot);
    ctx.core.changed();
    return true;
  },

  getWebhookInfo: (ctx): WebhookInfo => {
    const { webhook, queue, allowedUpdates } = ctx.bot;
    return {
      url: webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: queue.size,
      ...(webhook
        ? {
            max_connections: webhook.maxConnections,
            ip_address: webhook.ipAddress ?? '127.0.0.1',
            ...(webhook.lastErrorDate
              ? {
                  last_error_date: webhook.lastErrorDate,
                  last_error_message: webhook.lastErrorMessage,
                }
              : {}),
            ...(allowedUpdates ? { allowed_updates: allowedUpdates } : {}),
          }
        : {}),
    };
  },

  /** Long polling with Telegram's offset confirmation and up to `timeout` seconds of holding. */
  getUpdates: async (ctx) => {
    const { bot, params } = ctx;
    if (bot.webhook) {
      throw Errors.conflictWebhook();
    }
    applyAllowedUpdates(ctx);
    const limit = Math.min(100, Math.max(1, params.int('limit') ?? 100));
    const timeout = Math.max(0, params.int('timeout') ?? 0);
    const poll = bot.queue.poll(params.int('offset') ?? 0, limit, timeout * 1000);
    ctx.onClose(poll.cancel);
    const updates = await poll.promise;
    ctx.core.changed();
    return updates;
  },
};
