import { claimsNeeded } from './login-claims';

describe('claimsNeeded', () => {
  const token = {
    iss: 'https://idp.example/',
    sub: 'user-1',
    email: 'ada@example.com',
    name: 'Ada',
    zuora_account: ['A001', 'A002'],
    ext_id: 'X-9',
  };

  it('keeps only the claims the identity claims name, with their values as signed', () => {
    expect(claimsNeeded(token, [{ claim: 'zuora_account' }, { claim: 'ext_id' }])).toEqual({
      zuora_account: ['A001', 'A002'],
      ext_id: 'X-9',
    });
  });

  it('keeps nothing when none is configured, and skips a configured claim the token lacks', () => {
    expect(claimsNeeded(token, [])).toEqual({});
    expect(claimsNeeded(token, [{ claim: 'tenant' }, { claim: 'sub' }])).toEqual({
      sub: 'user-1',
    });
  });

  it('does not read inherited properties as claims', () => {
    expect(claimsNeeded(token, [{ claim: 'constructor' }, { claim: 'toString' }])).toEqual({});
  });
});
