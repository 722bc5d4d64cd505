import type { PaymentView } from '../payment.types';
import { paymentInScope } from './stripe-scope';

const payment = (sellerId: string, account: 'platform' | 'own'): PaymentView =>
  ({ sellerId, provider: 'stripe', stripe: { account, invoiceIds: [] } }) as unknown as PaymentView;

describe('paymentInScope', () => {
  it('lets the platform endpoint touch platform-account payments only', () => {
    expect(paymentInScope(payment('s1', 'platform'), { kind: 'platform' })).toBe(true);
    expect(paymentInScope(payment('s1', 'own'), { kind: 'platform' })).toBe(false);
  });

  it('lets a seller’s endpoint touch that seller’s own-account payments only', () => {
    expect(paymentInScope(payment('s1', 'own'), { kind: 'own', sellerId: 's1' })).toBe(true);
    expect(paymentInScope(payment('s2', 'own'), { kind: 'own', sellerId: 's1' })).toBe(false);
    expect(paymentInScope(payment('s1', 'platform'), { kind: 'own', sellerId: 's1' })).toBe(false);
  });

  it('never lets Stripe touch a Stars payment', () => {
    const stars = { ...payment('s1', 'platform'), provider: 'stars' } as PaymentView;
    expect(paymentInScope(stars, { kind: 'platform' })).toBe(false);
  });
});
