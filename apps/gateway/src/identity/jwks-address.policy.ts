import { type LookupAddress, lookup as dnsLookup } from 'node:dns';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { JWTVerifyGetKey } from 'jose';
import { type KeySetFactory, remoteKeySet } from './id-token.verifier';

/**
 * Addresses a provider's jwksUrl may not reach: loopback, link-local (cloud metadata at
 * 169.254.169.254), private and shared ranges, and the special ranges around them. Anyone who
 * may add a provider could otherwise make the gateway fetch from inside its own network.
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
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
// An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is checked against the IPv4 ranges above.
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** True for an IP address a jwksUrl may not reach; false for a public one or a non-address. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why the host written in `url` is refused (localhost, a non-public address), or null. */
export function nonPublicHostOf(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return 'names localhost';
  if (isNonPublicAddress(host)) return 'names a loopback, link-local or private address';
  return null;
}

export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

const resolveAll: ResolveAll = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

/**
 * Why a provider's jwksUrl is refused, or null: its host is localhost or a non-public address,
 * or resolves to one. A name that does not resolve yet is let through; the fetch checks again.
 */
export async function nonPublicJwksUrl(
  raw: string,
  resolve: ResolveAll = resolveAll,
): Promise<string | null> {
  const url = new URL(raw);
  const written = nonPublicHostOf(url);
  if (written !== null) return written;
  if (isIP(url.hostname.replace(/^\[(.*)\]$/, '$1')) !== 0) return null;
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(url.hostname);
  } catch {
    return null;
  }
  const refused = addresses.find(({ address }) => isNonPublicAddress(address));
  return refused === undefined
    ? null
    : `resolves to a loopback, link-local or private address (${refused.address})`;
}

/**
 * The lookup the key-set fetches connect with: it refuses a name that resolves to a non-public
 * address at connect time, so a name that changes its answer after the check cannot slip in.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find(({ address }) => isNonPublicAddress(address));
    if (refused !== undefined) {
      const denial = Object.assign(
        new Error(`${hostname} resolves to a non-public address (${refused.address})`),
        { code: 'EJWKSADDRESS' },
      );
      return callback(denial, '', 0);
    }
    if (options.all === true) return (callback as AllCallback)(null, addresses);
    const [first] = addresses;
    return callback(null, first?.address ?? '', first?.family ?? 4);
  });
};

type AllCallback = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;

const httpAgent = new HttpAgent({ keepAlive: true, lookup: publicOnlyLookup });
const httpsAgent = new HttpsAgent({ keepAlive: true, lookup: publicOnlyLookup });

/** Key sets for providers' jwksUrls that only ever reach public addresses. */
export const publicKeySet: KeySetFactory = (url) => {
  const written = nonPublicHostOf(url);
  if (written !== null) {
    const refusal: JWTVerifyGetKey = () =>
      Promise.reject(new Error(`The jwksUrl ${url.href} ${written}`));
    return refusal;
  }
  return remoteKeySet(url, { agent: url.protocol === 'https:' ? httpsAgent : httpAgent });
};
