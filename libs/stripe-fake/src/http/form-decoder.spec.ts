import { decodeForm, FormDecodeError } from './form-decoder';

describe('decodeForm', () => {
  it('decodes flat pairs with + and percent escapes', () => {
    expect(
      decodeForm('mode=payment&success_url=https%3A%2F%2Fx.test%2Fok%3Fa%3D1&name=Gold+plan'),
    ).toEqual({
      mode: 'payment',
      success_url: 'https://x.test/ok?a=1',
      name: 'Gold plan',
    });
  });

  it('builds nested objects and indexed arrays from Stripe bracket notation', () => {
    const body = [
      'line_items[0][price_data][currency]=usd',
      'line_items[0][price_data][unit_amount]=1500',
      'line_items[0][price_data][product_data][name]=VIP',
      'line_items[0][quantity]=1',
      'line_items[1][price]=price_123',
      'line_items[1][quantity]=2',
      'metadata[paymentId]=pay_1',
      'metadata[sellerId]=s%201',
    ].join('&');
    expect(decodeForm(body)).toEqual({
      line_items: [
        {
          price_data: { currency: 'usd', unit_amount: '1500', product_data: { name: 'VIP' } },
          quantity: '1',
        },
        { price: 'price_123', quantity: '2' },
      ],
      metadata: { paymentId: 'pay_1', sellerId: 's 1' },
    });
  });

  it('accepts brackets sent percent-encoded, as some clients do', () => {
    expect(decodeForm('metadata%5BpaymentId%5D=p1&expand%5B0%5D=customer')).toEqual({
      metadata: { paymentId: 'p1' },
      expand: ['customer'],
    });
  });

  it('appends with [] and orders explicit indices numerically, compacting gaps', () => {
    expect(decodeForm('expand[]=customer&expand[]=payment_intent')).toEqual({
      expand: ['customer', 'payment_intent'],
    });
    expect(decodeForm('a[10]=ten&a[2]=two&a[0]=zero')).toEqual({ a: ['zero', 'two', 'ten'] });
  });

  it('keeps keys that are not all indices as an object', () => {
    expect(decodeForm('metadata[0]=a&metadata[name]=b')).toEqual({
      metadata: { 0: 'a', name: 'b' },
    });
  });

  it('keeps an empty value, which Stripe reads as "unset"', () => {
    expect(decodeForm('metadata[old]=&description=')).toEqual({
      metadata: { old: '' },
      description: '',
    });
  });

  it('returns an empty object for an empty body', () => {
    expect(decodeForm('')).toEqual({});
  });

  it('rejects a key sent both as a value and as a hash', () => {
    expect(() => decodeForm('metadata=x&metadata[a]=b')).toThrow(FormDecodeError);
    expect(() => decodeForm('metadata[a]=b&metadata=x')).toThrow(FormDecodeError);
  });

  it('rejects malformed keys and escapes', () => {
    expect(() => decodeForm('a[b=1')).toThrow(FormDecodeError);
    expect(() => decodeForm('a[b]c=1')).toThrow(FormDecodeError);
    expect(() => decodeForm('[a]=1')).toThrow(FormDecodeError);
    expect(() => decodeForm('a=%E0%A4%A')).toThrow(FormDecodeError);
  });

  it('refuses prototype-polluting keys', () => {
    expect(() => decodeForm('__proto__[polluted]=1')).toThrow(FormDecodeError);
    expect(() => decodeForm('a[constructor][prototype][x]=1')).toThrow(FormDecodeError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
