// The sync answer in words. Pure: unit-tested in sync-outcome.unit.spec.ts.
import type { EventSummary, Provider, SyncResult } from '../api/api-types';
import { countOf } from '../format/format';

export type SyncTone = 'good' | 'warn' | 'bad' | 'info';

export function providerName(provider: Provider): string {
  return provider === 'zuora' ? 'Zuora' : 'Stripe';
}

/** What the button says while the request runs. */
export function syncingLabel(provider: Provider): string {
  return `Syncing with ${providerName(provider)}…`;
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
