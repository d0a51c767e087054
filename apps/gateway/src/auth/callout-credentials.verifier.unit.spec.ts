import { CalloutCredentialsVerifier } from './callout-credentials.verifier';

describe('CalloutCredentialsVerifier', () => {
  const verifier = new CalloutCredentialsVerifier({ username: 'zuora', password: 's3cret' });

  it('accepts exactly the configured credentials', () => {
    expect(verifier.configured).toBe(true);
    expect(verifier.verify({ username: 'zuora', password: 's3cret' })).toBe(true);
  });

  it.each([
    ['a wrong password', { username: 'zuora', password: 's3cret!' }],
    ['a wrong username', { username: 'Zuora', password: 's3cret' }],
    ['empty credentials', { username: '', password: '' }],
    ['the colon moved', { username: 'zuora:s3cret', password: '' }],
  ])('refuses %s', (_case, presented) => {
    expect(verifier.verify(presented)).toBe(false);
  });

  it('refuses everything when no credentials are configured', () => {
    const unconfigured = new CalloutCredentialsVerifier(null);
    expect(unconfigured.configured).toBe(false);
    expect(unconfigured.verify({ username: '', password: '' })).toBe(false);
  });
});
