import { useState } from 'preact/hooks';
import { useApi } from '../api/api-context';
import { useCan } from '../auth/session-context';
import { errorMessage } from '../api/api-errors';
import type { EventDetail, Provider, SyncResult } from '../api/api-types';
import { ChangesTable } from '../events/changes-table';
import { paths } from '../routes';
import { useProviders } from './use-providers';
import { describeSync, syncingLabel } from './sync-outcome';

type Phase =
  | { name: 'idle' }
  | { name: 'running' }
  | { name: 'done'; result: SyncResult; event: EventDetail | null }
  | { name: 'error'; message: string };

interface Props {
  provider: Provider;
  /** Any id the sync route takes: sub-…, a reference, A-S…, sub_…. */
  subscriptionId: string;
  label?: string;
  onSynced: (result: SyncResult) => void;
}

/**
 * The Sync button and, once it answered, what happened in words with the event's changes.
 * Not shown to a token without the `operate` role.
 */
export function SyncPanel({ provider, subscriptionId, label = 'Sync', onSynced }: Props) {
  const api = useApi();
  const allowed = useCan('operate');
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const providerName =
    useProviders().data?.find((known) => known.id === provider)?.displayName ?? provider;

  const sync = async () => {
    setPhase({ name: 'running' });
    try {
      const result = await api.syncSubscription(provider, subscriptionId);
      const event = await readEvent(result);
      setPhase({ name: 'done', result, event });
      onSynced(result);
    } catch (error) {
      setPhase({ name: 'error', message: errorMessage(error) });
    }
  };
  // The changes live on the event; without it the outcome still stands on its own.
  const readEvent = async (result: SyncResult): Promise<EventDetail | null> => {
    if (result.eventId === null || result.outcome === 'queued') return null;
    try {
      return await api.getEvent(result.eventId);
    } catch {
      return null;
    }
  };

  if (!allowed) return null;
  const running = phase.name === 'running';
  return (
    <div class="sync-panel">
      <button
        type="button"
        class="button button-primary"
        disabled={running}
        aria-busy={running}
        onClick={() => void sync()}
        title={`Fetch this subscription from ${providerName} and reconcile it`}
      >
        {running ? syncingLabel(providerName) : label}
      </button>
      {phase.name === 'error' && (
        <div class="callout callout-bad sync-outcome" role="alert" data-testid="sync-outcome">
          Sync failed: {phase.message}
        </div>
      )}
      {phase.name === 'done' && <Outcome result={phase.result} event={phase.event} />}
    </div>
  );
}

function Outcome({ result, event }: { result: SyncResult; event: EventDetail | null }) {
  const { tone, text } = describeSync(result, event);
  const eventLink =
    result.eventId === null ? null : (
      <a class="mono" href={paths.event(result.eventId)}>
        {result.eventId}
      </a>
    );
  return (
    <div
      class={`callout callout-${tone} sync-outcome`}
      role={tone === 'bad' ? 'alert' : 'status'}
      data-testid="sync-outcome"
      data-outcome={result.outcome}
    >
      <p class="sync-outcome-text">
        {text}
        {result.outcome === 'queued' && eventLink !== null && <> {eventLink}</>}
      </p>
      {result.outcome !== 'queued' && eventLink !== null && <p class="small">Event {eventLink}</p>}
      {result.outcome === 'succeeded' && event !== null && event.changes.length > 0 && (
        <ChangesTable changes={event.changes} caption="Fields this sync changed" />
      )}
    </div>
  );
}
