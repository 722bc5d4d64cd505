import { Errors, badRequest } from '../errors';
import { requireCanSend, resolveTarget } from '../services/access';
import { postPrivateMessage, storeBotMessage } from '../services/messages';
import type { InvoiceRecord, LabeledPrice } from '../state/payments';
import { readReplyMarkup, readThread } from './common';
import type { MethodContext, MethodTable } from './context';

const STARS = 'XTR';
const SUBSCRIPTION_PERIOD = 2_592_000;

/** The invoice fields shared by sendInvoice and createInvoiceLink, validated like Telegram. */
function readInvoice(ctx: MethodContext): Omit<InvoiceRecord, 'chatId' | 'messageId' | 'link'> {
  const { params } = ctx;
  const title = params.requiredString('title');
  const description = params.requiredString('description');
  const payload = params.requiredString('payload');
  const currency = params.requiredString('currency').toUpperCase();
  const providerToken = params.string('provider_token') ?? '';
  const prices = params.json<LabeledPrice[]>('prices');
  if (title.length > 32) {
    throw badRequest('INVOICE_TITLE_INVALID');
  }
  if (description.length > 255) {
    throw badRequest('INVOICE_DESCRIPTION_INVALID');
  }
  if (Buffer.byteLength(payload, 'utf8') > 128) {
    throw badRequest('INVOICE_PAYLOAD_INVALID');
  }
  if (!Array.isArray(prices) || prices.length === 0) {
    throw Errors.required('prices');
  }
  if (prices.some((p) => !Number.isInteger(p.amount) || typeof p.label !== 'string')) {
    throw badRequest("can't parse prices JSON object");
  }
  if (currency === STARS) {
    if (providerToken) {
      throw badRequest('PAYMENT_PROVIDER_INVALID');
    }
    if (prices.length !== 1) {
      throw badRequest('STARS_INVOICE_INVALID');
    }
  } else if (!providerToken) {
    throw badRequest('PAYMENT_PROVIDER_INVALID');
  }
  const totalAmount = prices.reduce((sum, p) => sum + p.amount, 0);
  if (totalAmount <= 0) {
    throw badRequest('CURRENCY_TOTAL_AMOUNT_INVALID');
  }
  return { botId: ctx.bot.id, title, description, payload, currency, prices, totalAmount };
}

export const paymentMethods: MethodTable = {
  sendInvoice: (ctx) => {
    const { core, bot, params } = ctx;
    const target = resolveTarget(core, bot, params.chatId());
    requireCanSend(core, target);
    const invoice = readInvoice(ctx);
    const markup = readReplyMarkup(params);
    const message = storeBotMessage(
      core,
      bot,
      target.chat,
      {
        ...readThread(core, target, params),
        invoice: {
          title: invoice.title,
          description: invoice.description,
          start_parameter: params.string('start_parameter') ?? '',
          currency: invoice.currency,
          total_amount: invoice.totalAmount,
        },
        ...(markup ? { reply_markup: markup } : {}),
      },
      ctx.method,
    );
    core.payments.saveMessageInvoice({
      ...invoice,
      chatId: target.chat.id,
      messageId: message.message_id,
    });
    return message;
  },

  createInvoiceLink: (ctx) => {
    const invoice = readInvoice(ctx);
    const period = ctx.params.int('subscription_period');
    if (period !== undefined) {
      if (invoice.currency !== STARS || period !== SUBSCRIPTION_PERIOD) {
        throw badRequest('SUBSCRIPTION_PERIOD_INVALID');
      }
    }
    const record = ctx.core.payments.createLink({ ...invoice, subscriptionPeriod: period });
    ctx.core.changed();
    return record.link;
  },

  answerPreCheckoutQuery: (ctx) => {
    const { core, bot, params } = ctx;
    const id = params.requiredString('pre_checkout_query_id');
    const pending = core.payments.pendingPreCheckout.get(id);
    if (!pending || pending.botId !== bot.id) {
      throw Errors.queryTooOld();
    }
    const ok = params.bool('ok');
    if (ok === undefined) {
      throw Errors.required('ok');
    }
    const errorMessage = params.string('error_message');
    if (!ok && !errorMessage) {
      throw badRequest('ERROR_MESSAGE_EMPTY');
    }
    core.payments.pendingPreCheckout.delete(id);
    pending.resolve({ ok, ...(ok ? {} : { error_message: errorMessage }) });
    core.changed();
    return true;
  },

  /** Refunds a Stars payment; the user's chat then shows a refunded_payment service message. */
  refundStarPayment: (ctx) => {
    const { core, bot, params } = ctx;
    const userId = params.requiredInt('user_id');
    const charge = core.payments.charges.get(params.requiredString('telegram_payment_charge_id'));
    if (!core.users.get(userId)) {
      throw Errors.userNotFound();
    }
    if (
      !charge ||
      charge.botId !== bot.id ||
      charge.userId !== userId ||
      charge.currency !== STARS
    ) {
      throw badRequest('CHARGE_NOT_FOUND');
    }
    if (charge.refunded) {
      throw badRequest('CHARGE_ALREADY_REFUNDED');
    }
    charge.refunded = true;
    postPrivateMessage(core, bot, core.users.require(userId), {
      refunded_payment: {
        currency: STARS,
        total_amount: charge.totalAmount,
        invoice_payload: charge.payload,
        telegram_payment_charge_id: charge.chargeId,
      },
    });
    return true;
  },
};
