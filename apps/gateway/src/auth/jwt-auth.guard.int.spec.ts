import 'reflect-metadata';
import {
  Controller,
  Get,
  HttpCode,
  type INestApplication,
  Module,
  Post,
  Put,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import { type JWTPayload, SignJWT } from 'jose';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FailureLimits, GatewayConfig } from '@subsync/config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { FailureThrottle, Throttles } from '../http/failure-throttle';
import { MessageExceptionFilter } from '../http/message-exception.filter';
import { AcceptsCalloutCredentials } from './accepts-callout-credentials.decorator';
import { CalloutCredentialsVerifier } from './callout-credentials.verifier';
import { JwtAuthGuard } from './jwt-auth.guard';
import { RequiresRole } from './requires-role.decorator';
import { SessionController } from './session.controller';
import { TokenVerifier } from './token-verifier';

// The global guard in a real Nest HTTP app: who gets 401, 403 and 503, and with what message.

const SECRET = 'guard-test-secret-that-is-long-enough';
const RULES = { maxAgeSeconds: 3_600, clockSkewSeconds: 60 };

@Controller('probe')
class ProbeController {
  @Get('read')
  @RequiresRole('read')
  read() {
    return { did: 'read' };
  }

  @Post('operate')
  @HttpCode(200)
  @RequiresRole('operate')
  @AcceptsCalloutCredentials()
  operate() {
    return { did: 'operate' };
  }

  @Put('administer')
  @RequiresRole('administer')
  administer() {
    return { did: 'administer' };
  }

  @Get('undeclared')
  undeclared() {
    return { did: 'nothing it should' };
  }
}

const NO_THROTTLE = { perAddress: null, global: null };

async function start(
  config: Pick<GatewayConfig, 'auth' | 'audience' | 'rolesClaims'>,
  calloutLimits: FailureLimits = NO_THROTTLE,
) {
  @Module({
    controllers: [ProbeController, SessionController],
    providers: [
      { provide: GATEWAY_CONFIG, useValue: config },
      { provide: TokenVerifier, useValue: new TokenVerifier({ ...config, tokenRules: RULES }) },
      {
        provide: CalloutCredentialsVerifier,
        useValue: new CalloutCredentialsVerifier({ username: 'zuora', password: 'callout-pw' }),
      },
      {
        provide: Throttles,
        useValue: new Throttles(
          new FailureThrottle('failed logins', NO_THROTTLE),
          new FailureThrottle('failed callout authentications', calloutLimits),
        ),
      },
      { provide: APP_GUARD, useClass: JwtAuthGuard },
      { provide: APP_FILTER, useClass: MessageExceptionFilter },
    ],
  })
  class ProbeModule {}
  const app = await NestFactory.create(ProbeModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as Server;
  const { port } = server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}

function token(payload: JWTPayload, build = (jwt: SignJWT) => jwt.setExpirationTime('10m')) {
  return build(
    new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).setSubject('ops-1').setIssuedAt(),
  ).sign(new TextEncoder().encode(SECRET));
}

async function call(url: string, method: string, path: string, authorization?: string) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: authorization === undefined ? {} : { authorization },
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('JwtAuthGuard with an HS256 secret', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await start({
      auth: { kind: 'secret', secret: SECRET, isDevSecret: false },
      rolesClaims: ['scope', 'roles'],
    }));
  });
  afterAll(() => app.close());

  const bearer = async (payload: JWTPayload) => `Bearer ${await token(payload)}`;

  it('lets a read-only token read, and answers 403 with the reason on operate and administer', async () => {
    const reader = await bearer({ scope: 'read' });
    expect(await call(url, 'GET', '/probe/read', reader)).toMatchObject({
      status: 200,
      body: { did: 'read' },
    });
    expect(await call(url, 'POST', '/probe/operate', reader)).toEqual({
      status: 403,
      retryAfter: null,
      body: { message: "This route needs the 'operate' role; the token grants only: read" },
    });
    expect(await call(url, 'PUT', '/probe/administer', reader)).toMatchObject({
      status: 403,
      body: { message: "This route needs the 'administer' role; the token grants only: read" },
    });
  });

  it('lets an operator read and operate but not administer', async () => {
    const operator = await bearer({ roles: ['operate'] });
    expect((await call(url, 'GET', '/probe/read', operator)).status).toBe(200);
    expect((await call(url, 'POST', '/probe/operate', operator)).body).toEqual({ did: 'operate' });
    expect((await call(url, 'PUT', '/probe/administer', operator)).status).toBe(403);
  });

  it('lets a token with every role do everything', async () => {
    const all = await bearer({ scope: 'read operate administer' });
    for (const [method, path] of [
      ['GET', '/probe/read'],
      ['POST', '/probe/operate'],
      ['PUT', '/probe/administer'],
    ] as const) {
      expect((await call(url, method, path, all)).status).toBe(200);
    }
  });

  it('refuses a route that declares no role, whatever the token', async () => {
    const all = await bearer({ scope: 'read operate administer' });
    expect(await call(url, 'GET', '/probe/undeclared', all)).toMatchObject({
      status: 403,
      body: { message: 'This route declares no role, so no token may call it' },
    });
  });

  it('tells any valid token who it is, roles included', async () => {
    const expiry = Math.floor(Date.now() / 1000) + 600;
    const operator = `Bearer ${await token({ roles: ['operate'] }, (jwt) => jwt.setExpirationTime(expiry))}`;
    expect(await call(url, 'GET', '/api/session', operator)).toMatchObject({
      status: 200,
      body: {
        subject: 'ops-1',
        roles: ['read', 'operate'],
        expiresAt: new Date(expiry * 1000).toISOString(),
      },
    });
    const none = await bearer({});
    expect((await call(url, 'GET', '/api/session', none)).body).toMatchObject({ roles: [] });
    expect((await call(url, 'GET', '/probe/read', none)).body).toEqual({
      message: "This route needs the 'read' role; the token grants no role",
    });
  });

  it('answers 401 before roles matter: no exp, or no token', async () => {
    const forever = `Bearer ${await token({ scope: 'administer' }, (jwt) => jwt)}`;
    expect(await call(url, 'GET', '/probe/read', forever)).toMatchObject({
      status: 401,
      body: { message: 'The bearer token has no exp claim' },
    });
    expect((await call(url, 'GET', '/api/session')).status).toBe(401);
  });

  it('lets Zuora callout credentials onto the callout route only', async () => {
    const basic = `Basic ${Buffer.from('zuora:callout-pw').toString('base64')}`;
    expect((await call(url, 'POST', '/probe/operate', basic)).status).toBe(200);
    expect((await call(url, 'GET', '/probe/read', basic)).status).toBe(401);
  });
});

describe('JwtAuthGuard throttling failed callout authentications', () => {
  const basic = (password: string) =>
    `Basic ${Buffer.from(`zuora:${password}`).toString('base64')}`;
  const hs256 = { kind: 'secret', secret: SECRET, isDevSecret: false } as const;

  it('answers 429 with Retry-After once an address used up its failures, even for the right password, and never slows a bearer token', async () => {
    const { app, url } = await start(
      { auth: hs256, rolesClaims: ['scope'] },
      { perAddress: { failures: 3, windowSeconds: 60 }, global: null },
    );
    try {
      const answers = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        answers.push((await call(url, 'POST', '/probe/operate', basic('guess'))).status);
      }
      expect(answers).toEqual([401, 401, 401, 429, 429]);
      const right = await call(url, 'POST', '/probe/operate', basic('callout-pw'));
      expect(right.status).toBe(429);
      expect(Number(right.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(right.retryAfter)).toBeLessThanOrEqual(60);
      expect(right.body).toEqual({
        message: expect.stringMatching(
          /^Too many failed callout authentications from this address; try again in \d+ seconds$/,
        ),
      });
      const operator = `Bearer ${await token({ scope: 'operate' })}`;
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expect((await call(url, 'POST', '/probe/operate', operator)).status).toBe(200);
      }
    } finally {
      await app.close();
    }
  });

  it('counts successes as nothing, and failures over all addresses against the global limit', async () => {
    const { app, url } = await start(
      { auth: hs256, rolesClaims: ['scope'] },
      { perAddress: null, global: { failures: 2, windowSeconds: 60 } },
    );
    try {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expect((await call(url, 'POST', '/probe/operate', basic('callout-pw'))).status).toBe(200);
      }
      expect((await call(url, 'POST', '/probe/operate', basic('a'))).status).toBe(401);
      expect((await call(url, 'POST', '/probe/operate', basic('b'))).status).toBe(401);
      expect(await call(url, 'POST', '/probe/operate', basic('callout-pw'))).toMatchObject({
        status: 429,
        body: { message: expect.stringContaining('from everywhere') },
      });
    } finally {
      await app.close();
    }
  });
});

describe('JwtAuthGuard when the key set cannot be fetched', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await start({
      auth: { kind: 'jwks', url: 'http://127.0.0.1:1/internal/jwks.json' },
      audience: 'subsync',
      rolesClaims: ['scope'],
    }));
  });
  afterAll(() => app.close());

  it('answers 503 with Retry-After and a message that names nothing internal', async () => {
    const { privateKey } = await import('jose').then((jose) => jose.generateKeyPair('RS256'));
    const rs = await new SignJWT({ scope: 'read', aud: 'subsync' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('ops-1')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    const answer = await call(url, 'GET', '/probe/read', `Bearer ${rs}`);
    expect(answer).toEqual({
      status: 503,
      retryAfter: '5',
      body: { message: 'Bearer tokens cannot be verified right now; try again shortly' },
    });
  });
});
