import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  isNonPublicAddress,
  nonPublicJwksUrl,
  publicKeySet,
  publicOnlyLookup,
  type ResolveAll,
} from './jwks-address.policy';

describe('isNonPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
  ])('refuses %s', (address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '172.32.0.1', '93.184.216.34', '2606:4700::6810:85e5', 'example.com'])(
    'lets %s through',
    (address) => {
      expect(isNonPublicAddress(address)).toBe(false);
    },
  );
});

describe('nonPublicJwksUrl', () => {
  const resolvesTo =
    (...addresses: string[]): ResolveAll =>
    () =>
      Promise.resolve(addresses.map((address): LookupAddress => ({ address, family: 4 })));
  const unresolvable: ResolveAll = () => Promise.reject(new Error('ENOTFOUND'));

  it.each([
    ['http://127.0.0.1:8080/keys', 'names a loopback, link-local or private address'],
    ['http://169.254.169.254/latest/meta-data', 'names a loopback, link-local or private address'],
    ['http://[::1]/keys', 'names a loopback, link-local or private address'],
    ['http://2130706433/keys', 'names a loopback, link-local or private address'],
    ['https://localhost/keys', 'names localhost'],
    ['https://idp.localhost/keys', 'names localhost'],
  ])('refuses %s as written', async (url, reason) => {
    expect(await nonPublicJwksUrl(url, resolvesTo('8.8.8.8'))).toBe(reason);
  });

  it('refuses a name that resolves to a private address among public ones', async () => {
    expect(
      await nonPublicJwksUrl('https://idp.example.com/keys', resolvesTo('8.8.8.8', '10.0.0.7')),
    ).toBe('resolves to a loopback, link-local or private address (10.0.0.7)');
  });

  it('accepts a public name, a public address, and a name that does not resolve yet', async () => {
    expect(
      await nonPublicJwksUrl('https://idp.example.com/keys', resolvesTo('8.8.8.8')),
    ).toBeNull();
    expect(await nonPublicJwksUrl('https://8.8.8.8/keys', unresolvable)).toBeNull();
    expect(await nonPublicJwksUrl('https://idp.example.com/keys', unresolvable)).toBeNull();
  });
});

describe('publicKeySet', () => {
  let server: Server;
  let fetched = 0;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      fetched += 1;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [] }));
    });
    server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('never fetches a key set from a loopback address', async () => {
    const { port } = server.address() as AddressInfo;
    const getKey = publicKeySet(new URL(`http://127.0.0.1:${port}/keys`));
    await expect(
      getKey({ alg: 'RS256', kid: 'k' }, { payload: '', signature: '' }),
    ).rejects.toThrow(/names a loopback, link-local or private address/);
    expect(fetched).toBe(0);
  });

  it('refuses, at connect time, a name that resolves to a loopback address', async () => {
    const answer = await new Promise<{ error: NodeJS.ErrnoException | null }>((resolve) => {
      publicOnlyLookup('localhost', { all: true }, (error) => resolve({ error }));
    });
    expect(answer.error?.message).toMatch(/localhost resolves to a non-public address/);
  });
});
