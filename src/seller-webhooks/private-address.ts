import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must never be delivered to: loopback, private networks, link-local (cloud
 * metadata at 169.254.169.254), carrier-grade NAT, documentation, multicast and reserved ranges,
 * and IPv4 written as IPv6. BlockList checks an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`)
 * against the IPv4 rules by itself; blocking `::ffff:0:0/96` as well would block every IPv4
 * address, because BlockList also maps IPv4 addresses into that range.
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) {
    return false;
  }
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Names that only ever mean "this machine" or "this network". */
export function isInternalHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name.endsWith('.local') ||
    name.endsWith('.internal') ||
    name.endsWith('.lan') ||
    name.endsWith('.home.arpa') ||
    !name.includes('.')
  );
}
