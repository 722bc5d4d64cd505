import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { stripeClientFor } from '../client';
import { StripeFakeServer } from '../stripe-fake.server';
import { signEvent, signPayload } from './signing';

const SECRET = 'whsec_test_secret_for_fake';
// No request is made: the client is only used for its webhook helpers.
const sdk = new Stripe('sk_test_unused');
const event = {
  id: 'evt_1',
  object: 'event',
  type: 'invoice.paid',
  data: { object: { id: 'in_1' } },
};

describe('signEvent', () => {
  it('produces a header the real SDK verifies, returning the same event', () => {
    const signed = signEvent(event, SECRET);

    const verified = sdk.webhooks.constructEvent(signed.payload, signed.header, SECRET);

    expect(verified).toEqual(event);
    expect(signed.header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });

  it('is rejected by the SDK when the payload is tampered with or the secret differs', () => {
    const signed = signEvent(event, SECRET);
    const tampered = signed.payload.replace('in_1', 'in_2');

    expect(() => sdk.webhooks.constructEvent(tampered, signed.header, SECRET)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() => sdk.webhooks.constructEvent(signed.payload, signed.header, 'whsec_other')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });

  it('is rejected outside the SDK’s five minute tolerance, for replay protection tests', () => {
    const signed = signEvent(event, SECRET, Math.floor(Date.now() / 1000) - 600);

    expect(() => sdk.webhooks.constructEvent(signed.payload, signed.header, SECRET)).toThrow(
      /Timestamp outside the tolerance zone/,
    );
  });

  it('matches the SDK’s generateTestHeaderString for the same payload, secret and time', () => {
    const payload = JSON.stringify(event);
    const timestamp = 1_780_000_000;

    const ours = signPayload({ payload, secret: SECRET, timestamp });

    expect(ours.header).toBe(
      sdk.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp }),
    );
  });
});

describe('deliver', () => {
  let fake: StripeFakeServer;
  let receiver: http.Server;
  let receiverUrl: string;
  const received: Array<{
    type: string;
    signature: string | undefined;
    contentType: string | undefined;
  }> = [];

  beforeAll(async () => {
    fake = await StripeFakeServer.start();
    // A stand-in for the product's webhook controller: verifies with the SDK, 400 on failure.
    receiver = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        try {
          const verified = sdk.webhooks.constructEvent(
            Buffer.concat(chunks),
            request.headers['stripe-signature'] ?? '',
            SECRET,
          );
          received.push({
            type: verified.type,
            signature: request.headers['stripe-signature'] as string | undefined,
            contentType: request.headers['content-type'],
          });
          response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"received":true}');
        } catch (error) {
          response.writeHead(400).end((error as Error).message);
        }
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/stripe/webhook`;
  });
  afterAll(async () => {
    await fake.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('POSTs signed events the receiver verifies with the SDK, in order', async () => {
    const client = stripeClientFor(fake, `sk_test_${randomUUID().replace(/-/g, '')}`);
    const session = await client.checkout.sessions.create({
      mode: 'subscription',
      line_items: [
        {
          price_data: {
            currency: 'usd',
            unit_amount: 900,
            product_data: { name: 'Club' },
            recurring: { interval: 'month' },
          },
          quantity: 1,
        },
      ],
      success_url: 'https://bot.test/ok',
    });
    const events = fake.completeCheckout(session.id);

    const results = await fake.deliverAll(events, { url: receiverUrl, secret: SECRET });

    expect(results.map((result) => [result.eventId, result.status, result.body])).toEqual(
      events.map((sent) => [sent.id, 200, '{"received":true}']),
    );
    expect(received.map((entry) => entry.type)).toEqual([
      'invoice.paid',
      'checkout.session.completed',
    ]);
    expect(received[0].contentType).toBe('application/json; charset=utf-8');
  });

  it('reports the endpoint’s refusal of a wrongly signed delivery', async () => {
    const [fakeEvent] = fake.events();

    const result = await fake.deliver(fakeEvent, { url: receiverUrl, secret: 'whsec_wrong' });

    expect(result.status).toBe(400);
    expect(result.body).toMatch(/No signatures found matching the expected signature/);
  });
});
