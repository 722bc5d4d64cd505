import { createTestApp, TestApp } from './support/test-app';

type Auth = 'public' | 'session' | 'jwt-or-key';

interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  auth: Auth;
  success: number;
  /** Response schema of the success answer; undefined for 204. */
  response?: string;
  request?: string;
  errors: number[];
}

// prettier-ignore
const routes: Route[] = [
  { method: 'post', path: '/api/sellers/register', auth: 'public', success: 201, response: 'SellerDto', request: 'RegisterSellerDto', errors: [400, 409, 413] },
  { method: 'post', path: '/api/sellers/login', auth: 'public', success: 200, response: 'TokensDto', request: 'LoginDto', errors: [400, 401, 429] },
  { method: 'post', path: '/api/sellers/refresh', auth: 'public', success: 200, response: 'TokensDto', request: 'RefreshTokenDto', errors: [400, 401] },
  { method: 'post', path: '/api/sellers/logout', auth: 'public', success: 204, request: 'RefreshTokenDto', errors: [400] },
  { method: 'get', path: '/api/sellers/me', auth: 'jwt-or-key', success: 200, response: 'SellerDto', errors: [401, 403, 404] },
  { method: 'patch', path: '/api/sellers/me', auth: 'session', success: 200, response: 'SellerDto', request: 'UpdateSellerDto', errors: [400, 401, 403, 422] },
  { method: 'post', path: '/api/sellers/api-keys', auth: 'session', success: 201, response: 'CreatedApiKeyDto', request: 'CreateApiKeyDto', errors: [400, 401, 403, 409, 422] },
  { method: 'get', path: '/api/sellers/api-keys', auth: 'session', success: 200, response: 'ApiKeyDto', errors: [401, 403] },
  { method: 'delete', path: '/api/sellers/api-keys/{id}', auth: 'session', success: 204, errors: [401, 403, 404] },
  { method: 'post', path: '/api/sellers/channels', auth: 'jwt-or-key', success: 201, response: 'ChannelDto', request: 'ConnectChannelDto', errors: [400, 401, 403, 409, 422, 502, 503] },
  { method: 'get', path: '/api/sellers/channels', auth: 'jwt-or-key', success: 200, response: 'ChannelDto', errors: [401, 403] },
  { method: 'get', path: '/api/sellers/channels/{id}', auth: 'jwt-or-key', success: 200, response: 'ChannelDto', errors: [401, 403, 404] },
  { method: 'post', path: '/api/sellers/channels/{id}/recheck', auth: 'jwt-or-key', success: 200, response: 'ChannelDto', errors: [401, 403, 404, 502, 503] },
  { method: 'delete', path: '/api/sellers/channels/{id}', auth: 'jwt-or-key', success: 204, errors: [401, 403, 404] },
  { method: 'post', path: '/api/sellers/plans', auth: 'jwt-or-key', success: 201, response: 'PlanDto', request: 'CreatePlanDto', errors: [400, 401, 403, 409, 422] },
  { method: 'get', path: '/api/sellers/plans', auth: 'jwt-or-key', success: 200, response: 'PlanDto', errors: [400, 401, 403] },
  { method: 'get', path: '/api/sellers/plans/{id}', auth: 'jwt-or-key', success: 200, response: 'PlanDto', errors: [401, 403, 404] },
  { method: 'patch', path: '/api/sellers/plans/{id}', auth: 'jwt-or-key', success: 200, response: 'PlanDto', request: 'UpdatePlanDto', errors: [400, 401, 403, 404, 409, 422] },
  { method: 'post', path: '/api/sellers/plans/{id}/archive', auth: 'jwt-or-key', success: 200, response: 'PlanDto', errors: [401, 403, 404] },
  { method: 'get', path: '/api/sellers/payment-settings', auth: 'jwt-or-key', success: 200, response: 'PaymentSettingsDto', errors: [401, 403] },
  { method: 'put', path: '/api/sellers/payment-settings', auth: 'jwt-or-key', success: 200, response: 'PaymentSettingsDto', request: 'PutPaymentSettingsDto', errors: [400, 401, 403, 409, 422] },
  { method: 'post', path: '/api/sellers/webhooks', auth: 'jwt-or-key', success: 201, response: 'WebhookEndpointWithSecretDto', request: 'CreateWebhookEndpointDto', errors: [400, 401, 403, 409, 422] },
  { method: 'get', path: '/api/sellers/webhooks', auth: 'jwt-or-key', success: 200, response: 'WebhookEndpointDto', errors: [401, 403] },
  { method: 'get', path: '/api/sellers/webhooks/{id}', auth: 'jwt-or-key', success: 200, response: 'WebhookEndpointDto', errors: [401, 403, 404] },
  { method: 'patch', path: '/api/sellers/webhooks/{id}', auth: 'jwt-or-key', success: 200, response: 'WebhookEndpointDto', request: 'UpdateWebhookEndpointDto', errors: [400, 401, 403, 404, 422] },
  { method: 'delete', path: '/api/sellers/webhooks/{id}', auth: 'jwt-or-key', success: 204, errors: [401, 403, 404] },
  { method: 'post', path: '/api/sellers/webhooks/{id}/rotate-secret', auth: 'jwt-or-key', success: 200, response: 'WebhookEndpointWithSecretDto', errors: [401, 403, 404] },
];

const SECURITY: Record<Auth, unknown> = {
  public: undefined,
  session: [{ jwt: [] }],
  'jwt-or-key': [{ jwt: [] }, { 'api-key': [] }],
};

interface Operation {
  security?: unknown;
  requestBody?: { content: { 'application/json': { schema: { $ref: string } } } };
  responses: Record<
    string,
    { content?: { 'application/json': { schema: Record<string, unknown> } } }
  >;
  parameters?: { name: string; in: string }[];
}

describe('Swagger documents the seller API', () => {
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

  const schemaRef = (schema: Record<string, unknown> | undefined): string | undefined => {
    if (!schema) {
      return undefined;
    }
    const items = schema.items as { $ref?: string } | undefined;
    return ((schema.$ref as string | undefined) ?? items?.$ref)?.replace(
      '#/components/schemas/',
      '',
    );
  };

  it.each(routes)('$method $path: schemas, examples, errors and auth', (route) => {
    const op = doc.paths[route.path]?.[route.method];
    expect(op).toBeDefined();
    expect(op.security).toEqual(SECURITY[route.auth]);

    const success = op.responses[String(route.success)];
    expect(success).toBeDefined();
    const responseSchema = schemaRef(success?.content?.['application/json']?.schema);
    expect(responseSchema).toBe(route.response);
    if (route.response) {
      const properties = doc.components.schemas[route.response]?.properties ?? {};
      expect(Object.keys(properties).length).toBeGreaterThan(0);
      expect(Object.values(properties).some((p) => 'example' in p)).toBe(true);
    }

    const requestSchema = schemaRef(op.requestBody?.content['application/json'].schema);
    expect(requestSchema).toBe(route.request);
    if (route.request) {
      expect(doc.components.schemas[route.request]).toBeDefined();
    }

    for (const status of route.errors) {
      const error = op.responses[String(status)];
      expect({ status, ref: schemaRef(error?.content?.['application/json']?.schema) }).toEqual({
        status,
        ref: 'ErrorBody',
      });
    }
  });

  it('documents Idempotency-Key on every write endpoint behind auth', () => {
    for (const route of routes.filter((r) => r.auth !== 'public' && r.method !== 'get')) {
      const names = (doc.paths[route.path][route.method].parameters ?? []).map((p) => p.name);
      expect({ route: `${route.method} ${route.path}`, names }).toEqual({
        route: `${route.method} ${route.path}`,
        names: expect.arrayContaining(['Idempotency-Key']),
      });
    }
  });

  it('declares auth on every /api/sellers route but the four public ones', () => {
    const publicRoutes = routes.filter((r) => r.auth === 'public').map((r) => r.path);
    const unauthenticated = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/sellers') && !publicRoutes.includes(path))
      .flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => !Array.isArray(op.security) || op.security.length === 0)
          .map(([method]) => `${method} ${path}`),
      );
    expect(unauthenticated).toEqual([]);
  });
});
