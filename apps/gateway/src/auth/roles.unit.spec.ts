import { allows, effectiveRoles, rolesGrantedBy } from './roles';

describe('rolesGrantedBy', () => {
  const defaults = ['scope', 'roles'];

  it.each([
    ['an OAuth 2 scope string', { scope: 'openid read operate' }, ['read', 'operate']],
    ['a roles array', { roles: ['administer'] }, ['administer']],
    ['both, merged', { scope: 'read', roles: ['administer'] }, ['read', 'administer']],
    ['prefixed names, any case', { scope: 'subsync:READ subsync.operate' }, ['read', 'operate']],
    [
      'common aliases',
      { roles: ['reader', 'operator', 'admin'] },
      ['read', 'operate', 'administer'],
    ],
    ['comma-separated', { scope: 'read,operate' }, ['read', 'operate']],
    ['names that are not roles', { scope: 'openid email subsync:dev', roles: [1, null] }, []],
    ['no roles claim', { sub: 'x' }, []],
    ['a claim of the wrong type', { roles: { read: true } }, []],
    ['a prototype key', { roles: ['constructor', '__proto__', 'toString'] }, []],
  ])('reads %s', (_case, payload, roles) => {
    expect(rolesGrantedBy(payload, defaults)).toEqual(roles);
  });

  it('reads only the configured claims, a dotted name as a path when it is no claim itself', () => {
    const payload = {
      scope: 'administer',
      realm_access: { roles: ['read'] },
      'https://subsync.dev/roles': ['operate'],
    };
    expect(rolesGrantedBy(payload, ['realm_access.roles'])).toEqual(['read']);
    expect(rolesGrantedBy(payload, ['https://subsync.dev/roles'])).toEqual(['operate']);
    expect(rolesGrantedBy(payload, ['groups'])).toEqual([]);
  });
});

describe('allows', () => {
  it.each([
    [['read'], 'read', true],
    [['read'], 'operate', false],
    [['read'], 'administer', false],
    [['operate'], 'read', true],
    [['operate'], 'administer', false],
    [['administer'], 'operate', true],
    [[], 'read', false],
  ] as const)('%j may %s: %s', (held, needed, allowed) => {
    expect(allows(held, needed)).toBe(allowed);
  });

  it('lists what a higher role includes', () => {
    expect(effectiveRoles(['operate'])).toEqual(['read', 'operate']);
    expect(effectiveRoles([])).toEqual([]);
  });
});
