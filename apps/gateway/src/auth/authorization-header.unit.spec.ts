import { parseAuthorization } from './authorization-header';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('parseAuthorization', () => {
  it.each([
    ['no header', undefined, { scheme: 'none' }],
    ['a blank header', '  ', { scheme: 'none' }],
    ['a bearer token', 'Bearer abc.def.ghi', { scheme: 'bearer', token: 'abc.def.ghi' }],
    ['a bearer token, any case', 'bearer abc', { scheme: 'bearer', token: 'abc' }],
    [
      'Basic credentials',
      basic('zuora:pa:ss word'),
      { scheme: 'basic', username: 'zuora', password: 'pa:ss word' },
    ],
    [
      'Basic with an empty password',
      basic('zuora:'),
      { scheme: 'basic', username: 'zuora', password: '' },
    ],
    ['Basic without a colon', basic('zuora'), { scheme: 'other' }],
    ['Basic that is not base64', 'Basic not base64!', { scheme: 'other' }],
    ['another scheme', 'Digest username="zuora"', { scheme: 'other' }],
  ])('reads %s', (_case, header, expected) => {
    expect(parseAuthorization(header)).toEqual(expected);
  });
});
