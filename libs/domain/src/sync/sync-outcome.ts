import type { FieldChange } from '../subscription/subscription.model';

/** How one sync ended, as its Event and its `sync.completed.v1` tell it. */
export type SyncOutcome =
  | {
      status: 'succeeded';
      /** Null for an account-scoped sync, which covers any number of subscriptions. */
      subscriptionId: string | null;
      ownerId: string;
      changes: FieldChange[];
    }
  | {
      status: 'failed';
      subscriptionId: string | null;
      ownerId: string | null;
      error: { code: string; message: string };
    }
  | { status: 'skipped'; subscriptionId: string | null; ownerId: string | null; reason: string };

/** What a provider fetched: a snapshot to apply, or an outcome decided without writing anything. */
export type Fetched<TSnapshot> =
  { ok: true; snapshot: TSnapshot } | { ok: false; outcome: SyncOutcome };

/** A failure decided before anything was written: no subscription or owner to name. */
export function failedOutcome(code: string, message: string): SyncOutcome {
  return { status: 'failed', subscriptionId: null, ownerId: null, error: { code, message } };
}

export function fetchFailed(code: string, message: string): Fetched<never> {
  return { ok: false, outcome: failedOutcome(code, message) };
}

/** The words an outcome gives for itself: the failure or the reason for skipping; null on success. */
export function reasonOf(outcome: SyncOutcome): string | null {
  if (outcome.status === 'failed') return outcome.error.message;
  if (outcome.status === 'skipped') return outcome.reason;
  return null;
}
