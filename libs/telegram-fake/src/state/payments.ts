import type { PreCheckoutQuery } from '../types';
import { randomDigits, randomToken } from './ids';

export interface LabeledPrice {
  label: string;
  amount: number;
}

/** What a user can pay: an invoice message (sendInvoice) or an invoice link. */
export interface InvoiceRecord {
  botId: number;
  title: string;
  description: string;
  payload: string;
  currency: string;
  prices: LabeledPrice[];
  totalAmount: number;
  /** Stars subscriptions (createInvoiceLink only): seconds, always 2592000 on Telegram. */
  subscriptionPeriod?: number;
  /** Where the invoice lives. */
  chatId?: number;
  messageId?: number;
  link?: string;
}

export interface PreCheckoutAnswer {
  ok: boolean;
  error_message?: string;
}

export interface PendingPreCheckout {
  query: PreCheckoutQuery;
  botId: number;
  resolve: (answer: PreCheckoutAnswer) => void;
}

export interface ChargeRecord {
  chargeId: string;
  providerChargeId: string;
  botId: number;
  userId: number;
  currency: string;
  totalAmount: number;
  payload: string;
  refunded: boolean;
  subscriptionExpirationDate?: number;
  subscriptionPeriod?: number;
}

export class PaymentStore {
  readonly invoiceLinks = new Map<string, InvoiceRecord>();
  readonly messageInvoices = new Map<string, InvoiceRecord>();
  readonly pendingPreCheckout = new Map<string, PendingPreCheckout>();
  readonly charges = new Map<string, ChargeRecord>();
  private sequence = 0;

  createLink(invoice: Omit<InvoiceRecord, 'link'>): InvoiceRecord {
    const link = `https://t.me/$${randomToken(20)}`;
    const record = { ...invoice, link };
    this.invoiceLinks.set(link, record);
    return record;
  }

  saveMessageInvoice(invoice: InvoiceRecord): void {
    this.messageInvoices.set(`${invoice.botId}:${invoice.chatId}:${invoice.messageId}`, invoice);
  }

  messageInvoice(botId: number, chatId: number, messageId: number): InvoiceRecord | undefined {
    return this.messageInvoices.get(`${botId}:${chatId}:${messageId}`);
  }

  newQueryId(): string {
    return randomDigits(19);
  }

  /** Charge ids look like Telegram's Stars charge ids; providers get a distinct id. */
  newCharge(input: Omit<ChargeRecord, 'chargeId' | 'providerChargeId' | 'refunded'>): ChargeRecord {
    const stars = input.currency === 'XTR';
    const charge: ChargeRecord = {
      ...input,
      chargeId: stars ? `stxt${randomToken(60)}` : `${randomDigits(10)}_${randomDigits(10)}`,
      // Stars charges carry a Telegram-side provider id of the form <user id>_<sequence>.
      providerChargeId: stars ? `${input.userId}_${++this.sequence}` : `ch_${randomToken(24)}`,
      refunded: false,
    };
    this.charges.set(charge.chargeId, charge);
    return charge;
  }

  clear(): void {
    this.invoiceLinks.clear();
    this.messageInvoices.clear();
    for (const pending of this.pendingPreCheckout.values()) {
      pending.resolve({ ok: false, error_message: 'fake reset' });
    }
    this.pendingPreCheckout.clear();
    this.charges.clear();
  }
}
