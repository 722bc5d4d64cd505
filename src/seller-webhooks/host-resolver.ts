import { Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';

/** DNS behind an adapter: unit tests decide what a name resolves to. */
export abstract class HostResolver {
  /** Every address the name resolves to; throws when it does not resolve. */
  abstract resolve(hostname: string): Promise<string[]>;
}

@Injectable()
export class DnsHostResolver extends HostResolver {
  async resolve(hostname: string): Promise<string[]> {
    const answers = await lookup(hostname, { all: true, verbatim: true });
    return answers.map((a) => a.address);
  }
}
