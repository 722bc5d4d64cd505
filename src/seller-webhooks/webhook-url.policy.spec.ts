import type { NodeEnv } from '../config/app-config';
import { HostResolver } from './host-resolver';
import { isPrivateAddress } from './private-address';
import { WebhookUrlPolicy } from './webhook-url.policy';

class FakeResolver extends HostResolver {
  constructor(private readonly answers: Record<string, string[]>) {
    super();
  }
  resolve(hostname: string): Promise<string[]> {
    const found = this.answers[hostname];
    return found ? Promise.resolve(found) : Promise.reject(new Error('ENOTFOUND'));
  }
}

const resolver = new FakeResolver({
  'hooks.example.com': ['93.184.216.34'],
  'rebind.example.com': ['93.184.216.34', '10.0.0.7'],
  'metadata.example.com': ['169.254.169.254'],
});

const policy = (nodeEnv: NodeEnv): WebhookUrlPolicy => new WebhookUrlPolicy({ nodeEnv }, resolver);

async function reasonFor(nodeEnv: NodeEnv, url: string): Promise<string | undefined> {
  try {
    await policy(nodeEnv).assertAcceptable(url);
    return undefined;
  } catch (error) {
    return (error as { code: string; message: string }).code + ': ' + (error as Error).message;
  }
}

describe('WebhookUrlPolicy in production', () => {
  it('accepts an https URL on a public host', async () => {
    await expect(
      policy('production').assertAcceptable('https://hooks.example.com/mg#x'),
    ).resolves.toBe('https://hooks.example.com/mg');
    expect(await reasonFor('production', 'https://93.184.216.34/hook')).toBeUndefined();
  });

  it.each([
    ['http://hooks.example.com/mg', /https/],
    ['https://localhost/hook', /internal host/],
    ['https://intranet/hook', /internal host/],
    ['https://db.internal/hook', /internal host/],
    ['https://127.0.0.1/hook', /private/],
    ['https://2130706433/hook', /private/],
    ['https://10.1.2.3/hook', /private/],
    ['https://172.20.0.1/hook', /private/],
    ['https://192.168.1.1/hook', /private/],
    ['https://169.254.169.254/latest/meta-data', /private/],
    ['https://[::1]/hook', /private/],
    ['https://[::ffff:127.0.0.1]/hook', /private/],
    ['https://[fd00::1]/hook', /private/],
    ['https://metadata.example.com/hook', /resolves to a private/],
    ['https://rebind.example.com/hook', /resolves to a private/],
    ['https://nowhere.example.com/hook', /does not resolve/],
    ['https://user:pass@hooks.example.com/hook', /credentials/],
    ['ftp://hooks.example.com/hook', /https/],
    ['not a url', /valid absolute URL/],
  ])('refuses %s', async (url, reason) => {
    const answer = await reasonFor('production', url);
    expect(answer).toMatch(/^INVALID_WEBHOOK_URL: /);
    expect(answer).toMatch(reason);
  });
});

describe('WebhookUrlPolicy in development and test', () => {
  it('allows http and local hosts, for local receivers', async () => {
    for (const env of ['development', 'test'] as const) {
      expect(await reasonFor(env, 'http://localhost:4000/hook')).toBeUndefined();
      expect(await reasonFor(env, 'http://127.0.0.1:4000/hook')).toBeUndefined();
    }
  });

  it('still refuses other schemes and credentials', async () => {
    expect(await reasonFor('test', 'ftp://localhost/x')).toMatch(/http or https/);
    expect(await reasonFor('test', 'http://a:b@localhost/x')).toMatch(/credentials/);
  });
});

describe('isPrivateAddress', () => {
  it('knows public from private addresses', () => {
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('2606:4700::1111')).toBe(false);
    expect(isPrivateAddress('100.64.1.1')).toBe(true);
    expect(isPrivateAddress('fe80::1')).toBe(true);
  });
});
