import type { IdentityClaimConfig } from './identity-claim.model';

/** Where a login points hot sync: Zuora accounts named directly, and custom-field lookups. */
export interface ZuoraAccountClaims {
  /** Zuora account ids or numbers, each to be synced on its own. */
  accounts: string[];
  /** Values to find a Zuora account by, one account per lookup (strictly 1:1). */
  lookups: { field: string; value: string }[];
}

/**
 * Reads the Zuora account claims of a verified ID token. Only claims configured with service
 * `zuora`, issuer `zuora` and type `account` count: a claim configured otherwise is not detected.
 * A claim holding an array names several accounts; every value is queued individually.
 */
export function resolveZuoraAccountClaims(
  claims: Readonly<Record<string, unknown>>,
  configured: readonly IdentityClaimConfig[],
): ZuoraAccountClaims {
  const accounts = new Set<string>();
  const lookups = new Map<string, { field: string; value: string }>();
  for (const config of configured) {
    if (config.service !== 'zuora' || config.issuer !== 'zuora' || config.type !== 'account')
      continue;
    for (const value of claimValues(claims[config.claim])) {
      if (!config.accountLookup) {
        accounts.add(value);
      } else if (config.accountLookupField) {
        lookups.set(`${config.accountLookupField}\u0000${value}`, {
          field: config.accountLookupField,
          value,
        });
      }
    }
  }
  return { accounts: [...accounts], lookups: [...lookups.values()] };
}

function claimValues(raw: unknown): string[] {
  const values = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  return values
    .map((value) =>
      typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '',
    )
    .filter((value) => value !== '');
}

export type LookupDecision =
  { kind: 'sync'; account: string } | { kind: 'none' } | { kind: 'ambiguous'; reason: string };

/** The account lookup is strictly 1:1: none skips silently, several skip with a reason. */
export function decideAccountLookup(
  lookup: { field: string; value: string },
  matches: readonly string[],
): LookupDecision {
  const unique = [...new Set(matches)];
  if (unique.length === 0) return { kind: 'none' };
  if (unique.length === 1) return { kind: 'sync', account: unique[0]! };
  return {
    kind: 'ambiguous',
    reason: `${unique.length} Zuora accounts (${unique.join(', ')}) have ${lookup.field} = '${lookup.value}'; hot sync needs exactly one`,
  };
}

/** A burst of logins syncs an account at most once per interval. */
export function isThrottled(lastQueuedAt: Date | null, now: Date, minIntervalMs: number): boolean {
  return lastQueuedAt !== null && now.getTime() - lastQueuedAt.getTime() < minIntervalMs;
}
