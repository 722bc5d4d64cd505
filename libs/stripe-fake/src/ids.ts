import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Prefixes Stripe uses for the objects this fake models; the prefix is how code tells ids apart. */
export const ID_PREFIX = {
  account: 'acct_',
  charge: 'ch_',
  checkoutSession: 'cs_test_',
  customer: 'cus_',
  discount: 'di_',
  event: 'evt_',
  invoice: 'in_',
  invoiceItem: 'ii_',
  invoiceLine: 'il_',
  invoicePayment: 'inpay_',
  lineItem: 'li_',
  paymentIntent: 'pi_',
  paymentMethod: 'pm_',
  price: 'price_',
  product: 'prod_',
  refund: 're_',
  request: 'req_',
  subscription: 'sub_',
  subscriptionItem: 'si_',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

function randomToken(length: number, alphabet = ALPHABET): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) {
    out += alphabet[byte % alphabet.length];
  }
  return out;
}

export function newId(kind: IdKind): string {
  // Checkout Session ids are much longer than other ids in real Stripe; keep that so
  // column sizes and log formatting see realistic values.
  return ID_PREFIX[kind] + randomToken(kind === 'checkoutSession' ? 58 : 24);
}

/** Coupon ids carry no prefix in Stripe: eight upper-case characters unless the caller names one. */
export function newCouponId(): string {
  return randomToken(8, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ');
}
