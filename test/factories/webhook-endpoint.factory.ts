import type { TestApp } from '../support/test-app';
import { asSeller, TestSeller } from './seller.factory';

export interface TestEndpoint {
  id: string;
  url: string;
  secret: string;
  events: string[];
  enabled: boolean;
}

/** Adds a webhook endpoint through the API; `secret` is the once-shown signing secret. */
export async function createEndpoint(
  t: TestApp,
  seller: TestSeller,
  body: { url: string; events?: string[]; enabled?: boolean },
): Promise<TestEndpoint> {
  const res = await asSeller(t.http().post('/api/sellers/webhooks'), seller).send(body).expect(201);
  return res.body;
}
