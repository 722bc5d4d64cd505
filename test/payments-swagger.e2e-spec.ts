import { createTestApp, TestApp } from './support/test-app';

interface Route {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  auth: 'public' | 'jwt-or-key';
  success: number;
  response?: string;
  request?: string;
  errors: number[];
}

// prettier-ignore
const routes: Route[] = [
  { method: 'post', path: '/api/checkout', auth: 'public', success: 201, response: 'CheckoutDto', request: 'CreateCheckoutDto', errors: [400, 403, 404, 409, 422, 502, 503] },
  { method: 'get', path: '/api/sellers/payments', auth: 'jwt-or-key', success: 200, response: 'PaymentPageDto', errors: [400, 401, 403] },
  { method: 'get', path: '/api/sellers/payments/{id}', auth: 'jwt-or-key', success: 200, response: 'PaymentDto', errors: [401, 403, 404] },
  { method: 'post', path: '/api/sellers/payments/{id}/refund', auth: 'jwt-or-key', success: 200, response: 'PaymentDto', request: 'RefundPaymentDto', errors: [401, 403, 404, 409, 502, 503] },
  { method: 'post', path: '/api/sellers/promo-codes', auth: 'jwt-or-key', success: 201, response: 'PromoCodeDto', request: 'CreatePromoCodeDto', errors: [400, 401, 403, 409, 422] },
  { method: 'get', path: '/api/sellers/promo-codes', auth: 'jwt-or-key', success: 200, response: 'PromoCodeDto', errors: [401, 403] },
  { method: 'get', path: '/api/sellers/promo-codes/{id}', auth: 'jwt-or-key', success: 200, response: 'PromoCodeDto', errors: [401, 403, 404] },
  { method: 'patch', path: '/api/sellers/promo-codes/{id}', auth: 'jwt-or-key', success: 200, response: 'PromoCodeDto', request: 'UpdatePromoCodeDto', errors: [400, 401, 403, 404, 422] },
  { method: 'delete', path: '/api/sellers/promo-codes/{id}', auth: 'jwt-or-key', success: 204, errors: [401, 403, 404] },
];

interface Operation {
  security?: unknown;
  requestBody?: { content: { 'application/json': { schema: { $ref: string } } } };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
  parameters?: { name: string }[];
}

describe('Swagger documents the payments API', () => {
  let t: TestApp;
  let doc: {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, { properties?: Record<string, { example?: unknown }> }> };
  };

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await t.close();
  });

  const refOf = (schema: Record<string, unknown> | undefined): string | undefined =>
    (
      (schema?.$ref as string | undefined) ?? (schema?.items as { $ref?: string } | undefined)?.$ref
    )?.replace('#/components/schemas/', '');

  it.each(routes)('$method $path: schemas, examples, errors and auth', (route) => {
    const op = doc.paths[route.path]?.[route.method];
    expect(op).toBeDefined();
    expect(op.security).toEqual(
      route.auth === 'public' ? undefined : [{ jwt: [] }, { 'api-key': [] }],
    );
    const success = op.responses[String(route.success)];
    expect(refOf(success?.content?.['application/json']?.schema)).toBe(route.response);
    if (route.response) {
      const properties = Object.values(doc.components.schemas[route.response]?.properties ?? {});
      expect(properties.some((p) => 'example' in p)).toBe(true);
    }
    expect(refOf(op.requestBody?.content['application/json'].schema)).toBe(route.request);
    for (const status of route.errors) {
      expect({
        status,
        ref: refOf(op.responses[String(status)]?.content?.['application/json']?.schema),
      }).toEqual({ status, ref: 'ErrorBody' });
    }
    if (route.auth !== 'public' && route.method !== 'get') {
      expect((op.parameters ?? []).map((p) => p.name)).toContain('Idempotency-Key');
    }
  });

  it('keeps the Stripe-only webhook routes out of the public API docs', () => {
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/payments/webhook'))).toEqual([]);
  });

  it('documents the checkout pages as HTML', () => {
    for (const path of ['/checkout/success', '/checkout/cancel']) {
      expect(Object.keys(doc.paths[path].get.responses['200'].content ?? {})).toContain(
        'text/html',
      );
    }
  });
});
