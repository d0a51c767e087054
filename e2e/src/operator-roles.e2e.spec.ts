import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Parser } from '@asyncapi/parser';
import { SignJWT } from 'jose';
import { DEV_JWT_SECRET } from '@subsync/config';
import { SERVICE_NODE_ARGS } from '@subsync/local-infra';
import { PUBLISHED_CONTRACTS } from '@subsync/testkit/contracts';
import { JWT_SECRET, RunningSystem } from './support/running-system';

// Issue 12, tokens and roles, against the compiled gateway: what a token must carry, what each
// role may do, and that a gateway without a secret only starts in dev mode.

const root = resolve(__dirname, '..', '..');

describe('Operator tokens and roles', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await RunningSystem.start(['gateway']);
  });
  afterAll(() => system?.stop());

  const seconds = () => Math.floor(Date.now() / 1000);
  const sign = (build: (jwt: SignJWT) => SignJWT) =>
    build(
      new SignJWT({ scope: 'read operate administer' }).setProtectedHeader({ alg: 'HS256' }),
    ).sign(new TextEncoder().encode(JWT_SECRET));

  it.each<[string, (jwt: SignJWT) => SignJWT, RegExp]>([
    ['without exp', (jwt) => jwt.setSubject('ops').setIssuedAt(), /no exp claim/],
    ['without sub', (jwt) => jwt.setIssuedAt().setExpirationTime('1h'), /no sub claim/],
    [
      'issued a year ahead',
      (jwt) =>
        jwt
          .setSubject('ops')
          .setIssuedAt(seconds() + 365 * 86_400)
          .setExpirationTime(seconds() + 365 * 86_400 + 3600),
      /issued in the future/,
    ],
    [
      'valid for ten years',
      (jwt) => jwt.setSubject('ops').setIssuedAt().setExpirationTime('3650d'),
      /valid for longer than 86400 s/,
    ],
  ])('refuses a token %s with 401', async (_case, build, message) => {
    const token = await sign(build);
    for (const path of ['/api/subscriptions', '/api/events', '/api/settings/zuora']) {
      const answer = await system.api('GET', path, { token });
      expect(answer.status).toBe(401);
      expect((answer.body as { message: string }).message).toMatch(message);
    }
  });

  it('gives a read-only token 403 on sync, replay and every settings write, and lets it read', async () => {
    const token = await system.token({ roles: ['read'] });
    const json = { 'content-type': 'application/json' };
    const writes: [string, string, string?][] = [
      ['POST', '/api/plugins/zuora/sync/subscription/A-S00000271'],
      ['POST', '/api/plugins/stripe/sync/subscription/sub-1'],
      ['POST', '/api/events/event-1/replay'],
      ['PUT', '/api/settings/zuora', '{"hotSyncEnabled": true}'],
      ['PUT', '/api/settings/auth-providers/shop', '{"issuer": "https://shop.example.com/"}'],
      ['DELETE', '/api/settings/auth-providers/shop'],
      ['PUT', '/api/catalog/zuora-mappings/prp-1', '{}'],
      ['DELETE', '/api/catalog/zuora-mappings/prp-1'],
    ];
    for (const [method, path, body] of writes) {
      const answer = await system.api(method, path, { token, headers: json, body });
      expect({ method, path, ...answer, headers: undefined }).toEqual({
        method,
        path,
        status: 403,
        headers: undefined,
        body: {
          message: expect.stringMatching(/needs the '(operate|administer)' role/) as unknown,
        },
      });
    }
    const settings = await system.api('GET', '/api/settings/zuora', { token });
    expect(settings).toMatchObject({ status: 200, body: { hotSyncEnabled: false } });
    expect((await system.api('GET', '/api/events', { token })).status).toBe(200);
    // Nothing the refused writes asked for happened.
    expect((await system.api('GET', '/api/settings/auth-providers', { token })).body).toEqual({
      data: [],
    });
  });

  it('lets an operator sync but not change settings', async () => {
    const token = await system.token({ roles: ['operate'] });
    const answer = await system.api('POST', '/api/plugins/zuora/sync/subscription/A-S00000271', {
      token,
      headers: { prefer: 'respond-async' },
    });
    expect(answer).toMatchObject({ status: 202, body: { status: 'queued' } });
    const write = await system.api('PUT', '/api/settings/zuora', {
      token,
      headers: { 'content-type': 'application/json' },
      body: '{"hotSyncEnabled": true}',
    });
    expect(write.status).toBe(403);
  });

  it('tells the console what the token may do', async () => {
    const answer = await system.api('GET', '/api/session', {
      token: await system.token({ roles: ['operate'] }),
    });
    expect(answer).toMatchObject({
      status: 200,
      body: { subject: 'e2e', roles: ['read', 'operate'] },
    });
  });

  it('lists the role of every operation in the OpenAPI document', async () => {
    const document = (await system.api('GET', '/api/docs', { token: null })).body as {
      paths: Record<string, Record<string, { 'x-required-role'?: string; security?: unknown }>>;
    };
    const roles = Object.fromEntries(
      Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => [
          `${method.toUpperCase()} ${path}`,
          operation['x-required-role'] ?? 'public',
        ]),
      ),
    );
    expect(roles).toMatchObject({
      'GET /api/events': 'read',
      'POST /api/events/{id}/replay': 'operate',
      'POST /api/plugins/zuora/sync/subscription/{id}': 'operate',
      'PUT /api/settings/auth-providers/{providerId}': 'administer',
      'GET /api/session': 'none',
      'POST /api/identity/login': 'public',
    });
  });

  it('serves the AsyncAPI document of the topics to anyone, as checked in, and it validates', async () => {
    const answer = await system.api('GET', '/api/asyncapi', { token: null });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(
      JSON.parse(readFileSync(join(PUBLISHED_CONTRACTS, 'asyncapi.json'), 'utf8')),
    );
    const diagnostics = await new Parser().validate(JSON.stringify(answer.body));
    expect(diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  });
});

describe('A gateway started without a secret', () => {
  const run = promisify(execFile);
  const startGateway = (env: Record<string, string>) =>
    run(process.execPath, [...SERVICE_NODE_ARGS, join(root, 'dist/apps/gateway/src/main.js')], {
      cwd: root,
      timeout: 30_000,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
        KAFKA_BROKERS: '127.0.0.1:1',
        ...env,
      },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code?: number; stderr?: string }) => ({ code: error.code, stderr: error.stderr }),
    );

  it('refuses to start, naming the variable, unless AUTH_DEV_MODE=true', async () => {
    expect(await startGateway({})).toEqual({
      code: 78,
      stderr:
        'Invalid configuration: AUTH_JWT_SECRET or AUTH_JWKS_URL is required (AUTH_DEV_MODE=true accepts the public dev secret, on 127.0.0.1 only)\n',
    });
  });

  it('refuses JWKS mode without AUTH_AUDIENCE', async () => {
    const answer = await startGateway({ AUTH_JWKS_URL: 'https://idp.example.com/jwks' });
    expect(answer.code).toBe(78);
    expect(answer.stderr).toMatch(/^Invalid configuration: AUTH_AUDIENCE is required/);
  });
});

describe('A gateway in dev mode', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await RunningSystem.start(['gateway'], {
      env: { AUTH_JWT_SECRET: '', AUTH_DEV_MODE: 'true' },
    });
  });
  afterAll(() => system?.stop());

  it('takes tokens signed with the dev secret, on 127.0.0.1 only', async () => {
    const devToken = await system.token({ secret: DEV_JWT_SECRET });
    expect((await system.api('GET', '/api/events', { token: devToken })).status).toBe(200);
    expect((await system.api('GET', '/api/events')).status).toBe(401);

    // Another address of this machine: nothing listens there.
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
    if (external === undefined) return; // a machine with loopback only: nothing more to see
    const port = new URL(system.gatewayUrl).port;
    const refused = await fetch(`http://${external}:${port}/health`).then(
      () => 'answered',
      (error: { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(refused).toBe('ECONNREFUSED');
  });
});
