import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../errors.js';

/** An address a callback host resolved to, used for the connection itself (pinned). */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Addresses a webhook must not reach: this host, private networks, link-local (where cloud
 * metadata services answer, 169.254.169.254, fd00:ec2::254), shared, multicast and reserved
 * space. IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) match their IPv4 subnet.
 */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');

/** Whether `address` (an IP literal) is on the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A URL's host without IPv6 brackets. */
const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Resolves a callback URL's host and checks every address it has: one that is not public is
 * refused (CALLBACK_URL_NOT_ALLOWED) unless `allowPrivate`. The address returned is the one to
 * connect to, so that a second lookup cannot answer differently (DNS rebinding). DNS failures
 * are thrown as they are.
 */
export async function resolveCallback(url: URL, allowPrivate: boolean): Promise<ResolvedAddress> {
  const host = hostOf(url);
  const family = isIP(host);
  const addresses: ResolvedAddress[] =
    family !== 0
      ? [{ address: host, family: family as 4 | 6 }]
      : (await lookup(host, { all: true, verbatim: true })).map((a) => ({
          address: a.address,
          family: a.family as 4 | 6,
        }));
  const refused = allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
  if (refused) {
    throw new AppError(
      'CALLBACK_URL_NOT_ALLOWED',
      `The callback host ${host} is at ${refused.address}, which is not a public address.`,
    );
  }
  return addresses[0]!;
}
