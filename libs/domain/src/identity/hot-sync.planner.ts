import { decideAccountLookup } from './zuora-account-claims';

/** What hot sync does about one Zuora account (or one lookup that named none) at a login. */
export type HotSyncStep =
  | { kind: 'queue'; account: string }
  | { kind: 'skip'; ref: string; reason: string }
  | { kind: 'fail'; ref: string; reason: string; code: string };

/** How one custom-field lookup of a Zuora account went. */
export type AccountLookupResult =
  | { lookup: { field: string; value: string }; ok: true; matches: readonly string[] }
  /** Zuora refused or failed the lookup; `code` is Zuora's error code. */
  | { lookup: { field: string; value: string }; ok: false; code: string; message: string };

/**
 * The steps of a login: the accounts its claims name, then what each lookup found, each account
 * or lookup once. A lookup with no match is skipped silently: the login goes on. An ambiguous
 * lookup is skipped and a failed one fails, each with a reason the Event keeps.
 */
export function planHotSync(
  accounts: readonly string[],
  lookups: readonly AccountLookupResult[],
): HotSyncStep[] {
  const steps: HotSyncStep[] = accounts.map((account) => ({ kind: 'queue', account }));
  for (const result of lookups) {
    const ref = `${result.lookup.field}=${result.lookup.value}`;
    if (!result.ok) {
      steps.push({
        kind: 'fail',
        ref,
        code: `ZUORA_${result.code}`,
        reason: `Account lookup failed: ${result.message}`,
      });
      continue;
    }
    const decision = decideAccountLookup(result.lookup, result.matches);
    if (decision.kind === 'sync') steps.push({ kind: 'queue', account: decision.account });
    else if (decision.kind === 'ambiguous')
      steps.push({ kind: 'skip', ref, reason: decision.reason });
  }
  return dedupeSteps(steps);
}

/** Two claims may name the same account, directly or through a lookup: it is queued once. */
function dedupeSteps(steps: readonly HotSyncStep[]): HotSyncStep[] {
  const seen = new Set<string>();
  return steps.filter((step) => {
    const key = step.kind === 'queue' ? `queue:${step.account}` : `${step.kind}:${step.ref}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
