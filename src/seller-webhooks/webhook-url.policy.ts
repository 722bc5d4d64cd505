import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { isIP } from 'node:net';
import { AppException } from '../common/errors/app.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { HostResolver } from './host-resolver';
import { isInternalHostname, isPrivateAddress } from './private-address';

const invalidUrl = (reason: string): AppException =>
  new AppException(HttpStatus.UNPROCESSABLE_ENTITY, 'INVALID_WEBHOOK_URL', reason, { reason });

/**
 * Where we may send a seller's webhooks. We make the HTTP request, so a URL pointing inside our
 * network would let a seller probe it (SSRF). In production: https only, no credentials in the
 * URL, and the host must be public: not an internal name, not a private/loopback/link-local
 * address, and not a name that resolves to one. The delivery worker must call
 * `assertDeliverable` again right before each request (DNS can change after registration) and
 * connect to the address it checked. Development and test allow http and local hosts.
 */
@Injectable()
export class WebhookUrlPolicy {
  constructor(
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'nodeEnv'>,
    private readonly resolver: HostResolver,
  ) {}

  private get strict(): boolean {
    return this.config.nodeEnv === 'production';
  }

  /** The normalised URL, or 422 INVALID_WEBHOOK_URL saying why not. */
  async assertAcceptable(raw: string): Promise<string> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw invalidUrl('not a valid absolute URL');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !this.strict)) {
      throw invalidUrl(this.strict ? 'the URL must use https' : 'the URL must use http or https');
    }
    if (url.username || url.password) {
      throw invalidUrl('the URL must not contain credentials');
    }
    url.hash = '';
    if (this.strict) {
      await this.assertPublicHost(url.hostname);
    }
    return url.toString();
  }

  /** For the delivery worker, right before sending: the host still resolves to public addresses. */
  async assertDeliverable(raw: string): Promise<string[]> {
    const url = new URL(raw);
    return this.strict ? this.assertPublicHost(url.hostname) : [url.hostname];
  }

  private async assertPublicHost(rawHost: string): Promise<string[]> {
    const host = rawHost.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host) !== 0) {
      if (isPrivateAddress(host)) {
        throw invalidUrl('the URL points to a private, loopback or reserved address');
      }
      return [host];
    }
    if (isInternalHostname(host)) {
      throw invalidUrl('the URL points to an internal host name');
    }
    let addresses: string[];
    try {
      addresses = await this.resolver.resolve(host);
    } catch {
      throw invalidUrl('the host name does not resolve');
    }
    if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
      throw invalidUrl('the host name resolves to a private, loopback or reserved address');
    }
    return addresses;
  }
}
