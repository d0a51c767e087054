import type { JWTPayload } from 'jose';

/**
 * What an operator token may do. Each role includes the ones before it: `operate` can also
 * read, and `administer` can also operate and read.
 * - `read`: events, subscriptions, and reading settings and catalog mappings
 * - `operate`: sync and replay
 * - `administer`: writing settings, authentication providers and catalog mappings
 */
export const ROLES = ['read', 'operate', 'administer'] as const;
export type Role = (typeof ROLES)[number];

// Names IdPs commonly give the same role; compared without case and without a `subsync:` prefix.
const ROLE_NAMES: Record<string, Role> = {
  read: 'read',
  reader: 'read',
  operate: 'operate',
  operator: 'operate',
  administer: 'administer',
  admin: 'administer',
  administrator: 'administer',
};

const PREFIX = /^subsync[:./]/;

/** The role a granted name stands for, or undefined for a name that is not one of ours. */
export function roleNamed(name: string): Role | undefined {
  const bare = name.trim().toLowerCase().replace(PREFIX, '');
  return Object.hasOwn(ROLE_NAMES, bare) ? ROLE_NAMES[bare] : undefined;
}

/**
 * The roles a verified token grants, read from the configured claims (all of them count). A
 * claim is a space- or comma-separated string (OAuth 2 `scope`) or an array of strings; a name
 * with dots that is not a claim itself is followed as a path (`realm_access.roles`).
 */
export function rolesGrantedBy(payload: JWTPayload, claims: readonly string[]): Role[] {
  const granted = new Set<Role>();
  for (const claim of claims) {
    for (const name of namesIn(claimValue(payload, claim))) {
      const role = roleNamed(name);
      if (role !== undefined) granted.add(role);
    }
  }
  return ROLES.filter((role) => granted.has(role));
}

/** Whether roles held include what a route needs (a higher role includes the lower ones). */
export function allows(held: readonly Role[], needed: Role): boolean {
  const rank = ROLES.indexOf(needed);
  return held.some((role) => ROLES.indexOf(role) >= rank);
}

/** Every role the held ones allow, lowest first: `['operate']` gives read and operate. */
export function effectiveRoles(held: readonly Role[]): Role[] {
  return ROLES.filter((role) => allows(held, role));
}

function claimValue(payload: JWTPayload, claim: string): unknown {
  if (Object.hasOwn(payload, claim)) return payload[claim];
  let value: unknown = payload;
  for (const step of claim.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, step)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

function namesIn(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((name) => name !== '');
  if (Array.isArray(value)) return value.filter((name): name is string => typeof name === 'string');
  return [];
}
