import { readRolesClaims, readTokenRules } from './auth-config';
import { ConfigError } from './config-error';
import { readGatewayConfig } from './service-config';

const SECRET = 'a-real-secret-that-is-long-enough-for-hs256';
const JWKS = 'https://idp.example.com/.well-known/jwks.json';

describe('readGatewayConfig: who may sign tokens', () => {
  it('refuses to start without a secret or a JWKS unless dev mode is asked for', () => {
    expect(() => readGatewayConfig({})).toThrow(ConfigError);
    expect(() => readGatewayConfig({})).toThrow(
      'Invalid configuration: AUTH_JWT_SECRET or AUTH_JWKS_URL is required',
    );
    expect(() => readGatewayConfig({ AUTH_DEV_MODE: 'false' })).toThrow(/AUTH_JWT_SECRET/);
  });

  it('in dev mode accepts the public dev secret and listens on 127.0.0.1 only', () => {
    const config = readGatewayConfig({ AUTH_DEV_MODE: 'true' });
    expect(config.auth).toMatchObject({ kind: 'secret', isDevSecret: true });
    expect(config.listenHost).toBe('127.0.0.1');
  });

  it('with a real secret listens on every interface, dev mode or not', () => {
    for (const env of [
      { AUTH_JWT_SECRET: SECRET },
      { AUTH_JWT_SECRET: SECRET, AUTH_DEV_MODE: 'true' },
    ]) {
      const config = readGatewayConfig(env);
      expect(config.auth).toEqual({ kind: 'secret', secret: SECRET, isDevSecret: false });
      expect(config.listenHost).toBe('0.0.0.0');
    }
  });

  it('in JWKS mode needs AUTH_AUDIENCE, unless AUTH_AUDIENCE_OPTIONAL=true says so on purpose', () => {
    expect(() => readGatewayConfig({ AUTH_JWKS_URL: JWKS })).toThrow(
      'Invalid configuration: AUTH_AUDIENCE is required with AUTH_JWKS_URL',
    );
    expect(() =>
      readGatewayConfig({ AUTH_JWKS_URL: JWKS, AUTH_AUDIENCE_OPTIONAL: 'false' }),
    ).toThrow(/AUTH_AUDIENCE is required/);
    expect(readGatewayConfig({ AUTH_JWKS_URL: JWKS, AUTH_AUDIENCE: 'subsync' })).toMatchObject({
      auth: { kind: 'jwks', url: JWKS },
      audience: 'subsync',
      listenHost: '0.0.0.0',
    });
    const optional = readGatewayConfig({ AUTH_JWKS_URL: JWKS, AUTH_AUDIENCE_OPTIONAL: 'true' });
    expect(optional.audience).toBeUndefined();
  });

  it('names a flag that is neither true nor false', () => {
    expect(() => readGatewayConfig({ AUTH_DEV_MODE: 'maybe' })).toThrow(
      "Invalid configuration: AUTH_DEV_MODE must be true or false (got 'maybe')",
    );
  });
});

describe('readTokenRules', () => {
  it('defaults to 24 h of lifetime and 60 s of skew', () => {
    expect(readTokenRules({})).toEqual({ maxAgeSeconds: 86_400, clockSkewSeconds: 60 });
  });

  it.each([
    ['3600', 3_600],
    ['90m', 5_400],
    ['12h', 43_200],
    ['2d', 172_800],
    ['600s', 600],
  ])('reads AUTH_MAX_TOKEN_AGE=%s as %i s', (raw, seconds) => {
    expect(readTokenRules({ AUTH_MAX_TOKEN_AGE: raw }).maxAgeSeconds).toBe(seconds);
  });

  it.each(['soon', '-1', '1.5h', '10', '365d'])('refuses AUTH_MAX_TOKEN_AGE=%s', (raw) => {
    expect(() => readTokenRules({ AUTH_MAX_TOKEN_AGE: raw })).toThrow(
      /^Invalid configuration: AUTH_MAX_TOKEN_AGE must be a duration/,
    );
  });

  it('reads AUTH_CLOCK_SKEW, zero included', () => {
    expect(readTokenRules({ AUTH_CLOCK_SKEW: '0' }).clockSkewSeconds).toBe(0);
    expect(readTokenRules({ AUTH_CLOCK_SKEW: '2m' }).clockSkewSeconds).toBe(120);
    expect(() => readTokenRules({ AUTH_CLOCK_SKEW: '1h' })).toThrow(/AUTH_CLOCK_SKEW/);
  });
});

describe('readRolesClaims', () => {
  it('reads scope, then roles, unless AUTH_ROLES_CLAIM names others', () => {
    expect(readRolesClaims({})).toEqual(['scope', 'roles']);
    expect(readRolesClaims({ AUTH_ROLES_CLAIM: 'https://subsync.dev/roles' })).toEqual([
      'https://subsync.dev/roles',
    ]);
    expect(readRolesClaims({ AUTH_ROLES_CLAIM: 'groups, realm_access.roles' })).toEqual([
      'groups',
      'realm_access.roles',
    ]);
  });
});
