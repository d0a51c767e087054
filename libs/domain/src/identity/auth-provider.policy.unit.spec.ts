import {
  type AuthProviderWrite,
  type AuthProviderWriteDecision,
  decideAuthProviderWrite,
  issuerTaken,
  MASKED_SECRET,
  maskSecret,
  type StoredAuthProvider,
} from './auth-provider.policy';

const issuer = 'https://login.example.com/';
const plain = 'a-shared-secret-of-at-least-32-characters';
const shop: StoredAuthProvider = { id: 'shop', issuer, secret: 'v1:sealed' };
const shopWithJwks: StoredAuthProvider = { ...shop, secret: null };
const other: StoredAuthProvider = { id: 'other', issuer, secret: null };
const write = (overrides: Partial<AuthProviderWrite> = {}): AuthProviderWrite => ({
  id: 'shop',
  issuer,
  secret: null,
  ...overrides,
});

const noSecretToKeep: AuthProviderWriteDecision = {
  ok: false,
  error: {
    code: 'NO_SECRET_TO_KEEP',
    providerId: 'shop',
    field: 'secret',
    message: "provider 'shop' has no stored secret to keep, send the secret itself",
  },
};

describe('decideAuthProviderWrite', () => {
  it.each<
    [
      string,
      AuthProviderWrite,
      StoredAuthProvider | null,
      StoredAuthProvider | null,
      AuthProviderWriteDecision,
    ]
  >([
    [
      'a new JWKS provider',
      write(),
      null,
      null,
      { ok: true, created: true, secret: { kind: 'none' } },
    ],
    [
      'a new provider with a secret: sealed as new',
      write({ secret: plain }),
      null,
      null,
      { ok: true, created: true, secret: { kind: 'new', plain } },
    ],
    [
      'a replace keeping its own issuer',
      write(),
      shopWithJwks,
      shopWithJwks,
      { ok: true, created: false, secret: { kind: 'none' } },
    ],
    [
      'a replace with the masked secret: the stored one is kept',
      write({ secret: MASKED_SECRET }),
      shop,
      shop,
      { ok: true, created: false, secret: { kind: 'keep', sealed: 'v1:sealed' } },
    ],
    [
      'a replace with a new secret',
      write({ secret: plain }),
      shop,
      shop,
      { ok: true, created: false, secret: { kind: 'new', plain } },
    ],
    [
      'an issuer another provider holds',
      write(),
      null,
      other,
      {
        ok: false,
        error: {
          code: 'ISSUER_TAKEN',
          issuer,
          takenBy: 'other',
          message: `Issuer '${issuer}' is already configured by provider 'other': an issuer has one provider`,
        },
      },
    ],
    [
      'the masked secret for a new provider',
      write({ secret: MASKED_SECRET }),
      null,
      null,
      noSecretToKeep,
    ],
    [
      'the masked secret for a JWKS provider',
      write({ secret: MASKED_SECRET }),
      shopWithJwks,
      shopWithJwks,
      noSecretToKeep,
    ],
    [
      'a taken issuer and a masked secret with none stored: the issuer is reported',
      write({ secret: MASKED_SECRET }),
      null,
      other,
      { ok: false, error: issuerTaken(issuer, 'other') },
    ],
  ])('given %s', (_case, submitted, current, issuerHolder, expected) => {
    // When
    const decision = decideAuthProviderWrite(submitted, current, issuerHolder);
    // Then
    expect(decision).toEqual(expected);
  });
});

describe('issuerTaken', () => {
  it('names no provider when only the unique index saw the clash', () => {
    expect(issuerTaken(issuer, null)).toEqual({
      code: 'ISSUER_TAKEN',
      issuer,
      takenBy: null,
      message: `Issuer '${issuer}' is already configured by another provider: an issuer has one provider`,
    });
  });
});

describe('maskSecret', () => {
  it.each([
    ['a stored secret', 'v1:sealed', MASKED_SECRET],
    ['no secret', null, null],
  ])('given %s', (_case, stored, shown) => {
    expect(maskSecret(stored)).toBe(shown);
  });
});
