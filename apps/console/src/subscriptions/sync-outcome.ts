// The sync answer in words. Pure: unit-tested in sync-outcome.unit.spec.ts.
import type { EventSummary, ProviderInfo, SyncResult } from '../api/api-types';
import { countOf } from '../format/format';

export type SyncTone = 'good' | 'warn' | 'bad' | 'info';

/** What the button says while the request runs, naming the provider as the gateway does. */
export function syncingLabel(providerName: string): string {
  return `Syncing with ${providerName}…`;
}

/**
 * The providers that may hold a subscription id the platform does not know: those whose ids have
 * the shape of it, else those whose ids have no fixed shape. The gateway says which is which.
 */
export function importCandidates(id: string, providers: readonly ProviderInfo[]): ProviderInfo[] {
  const shaped = providers.filter(
    (provider) =>
      provider.subscriptionIdPattern !== null &&
      new RegExp(provider.subscriptionIdPattern).test(id),
  );
  return shaped.length > 0
    ? shaped
    : providers.filter((provider) => provider.subscriptionIdPattern === null);
}

/** `event` is the Event the sync left, when it could be read; it holds the changes. */
export function describeSync(
  result: SyncResult,
  event: Pick<EventSummary, 'changes'> | null,
): { tone: SyncTone; text: string } {
  switch (result.outcome) {
    case 'succeeded':
      return {
        tone: 'good',
        text:
          event === null ? 'Synced.' : `Synced. ${countOf(event.changes.length, 'field')} changed`,
      };
    case 'skipped':
      return { tone: 'warn', text: `Skipped: ${result.reason ?? 'no reason given'}` };
    case 'failed':
      return { tone: 'bad', text: `Sync failed: ${result.message}` };
    case 'queued':
      // The panel links the event id right after these words.
      return { tone: 'info', text: 'Still running; see event' };
  }
}
