import { invoicePayloadOf, paymentIdOfPayload } from './stars-invoices';

describe('Stars invoice payloads', () => {
  it('name the pending payment and read back only well-formed ones', () => {
    const id = '6660a1b2c3d4e5f601234567';
    expect(paymentIdOfPayload(invoicePayloadOf(id))).toBe(id);
    expect(paymentIdOfPayload('pay_nope')).toBeUndefined();
    expect(paymentIdOfPayload(`other_${id}`)).toBeUndefined();
  });
});
