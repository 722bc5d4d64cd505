import { randomBytes } from 'node:crypto';
import type { TestApp } from '../support/test-app';
import type { TestSeller } from './seller.factory';

/** A valid plan body for the given channels; override any field. */
export function planBody(channelIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    name: `Plan ${randomBytes(3).toString('hex')}`,
    priceMinor: 1999,
    currency: 'USD',
    durationDays: 30,
    channelIds,
    ...overrides,
  };
}

export async function createPlan(
  t: TestApp,
  seller: TestSeller,
  channelIds: string[],
  overrides: Record<string, unknown> = {},
): Promise<{ id: string } & Record<string, unknown>> {
  const res = await t
    .http()
    .post('/api/sellers/plans')
    .set('Authorization', `Bearer ${seller.accessToken}`)
    .send(planBody(channelIds, overrides))
    .expect(201);
  return res.body;
}
