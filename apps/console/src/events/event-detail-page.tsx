import { useRoute } from 'preact-iso';
import { useApi } from '../api/api-context';
import { isNotFound } from '../api/api-errors';
import type { EventDetail, EventStatus } from '../api/api-types';
import { formatDuration } from '../format/format';
import { paths } from '../routes';
import { Instant } from '../ui/instant';
import { JsonBlock } from '../ui/json-block';
import { ErrorNotice, Loading } from '../ui/notices';
import { StatusPill } from '../ui/status-pill';
import { useResource } from '../ui/use-resource';
import { ChangesTable } from './changes-table';
import { DeadLetterSection } from './dead-letter-section';
import { ReplayButton } from './replay-button';
import { usePollWhileQueued } from './use-poll-while-queued';
import { Dash } from '../ui/dash';

const NOTHING_CHANGED: Record<EventStatus, string> = {
  queued: 'Nothing yet: the sync has not finished.',
  succeeded: 'The subscription already matched the provider.',
  failed: 'A failed sync changes nothing.',
  skipped: 'A skipped sync changes nothing.',
};

export function EventDetailPage() {
  const api = useApi();
  const id = useRoute().params.id ?? '';
  const resource = useResource((signal) => api.getEvent(id, signal), id);
  const event = resource.data;
  const polling = usePollWhileQueued(id, event?.status, resource.reload, event);

  return (
    <section>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <a href={paths.events}>Events</a> / <span class="mono">{id}</span>
      </nav>
      {resource.error !== undefined && (
        <ErrorNotice
          error={resource.error}
          title={isNotFound(resource.error) ? 'No such event:' : undefined}
        />
      )}
      {event === undefined ? (
        resource.error === undefined && <Loading what="the event" />
      ) : (
        <EventView
          event={event}
          polling={polling}
          onRefresh={resource.reload}
          refreshing={resource.loading}
        />
      )}
    </section>
  );
}

interface ViewProps {
  event: EventDetail;
  polling: boolean;
  refreshing: boolean;
  onRefresh: () => void;
}

function EventView({ event, polling, refreshing, onRefresh }: ViewProps) {
  return (
    <>
      <div class="page-head">
        <h1>
          Event <span class="mono title-id">{event.id}</span>
        </h1>
        <StatusPill status={event.status} />
        <span class="spacer" />
        {event.replayable.ok && <ReplayButton key={event.id} eventId={event.id} />}
        <button type="button" class="button" onClick={onRefresh} disabled={refreshing}>
          Refresh
        </button>
      </div>
      {!event.replayable.ok && event.status === 'failed' && event.replayable.reason !== null && (
        <p class="muted" data-testid="not-replayable">
          Cannot replay: {event.replayable.reason}
        </p>
      )}
      {event.status === 'queued' && (
        <p class="notice" role="status">
          {polling ? (
            <>
              <span class="spinner" aria-hidden="true" />
              Queued: waiting for the outcome…
            </>
          ) : (
            'Still queued after a minute. Refresh to check again.'
          )}
        </p>
      )}
      <Outcome event={event} />
      <dl class="facts">
        <dt>Type</dt>
        <dd>{event.type}</dd>
        <dt>Provider</dt>
        <dd>{event.provider ?? <Dash />}</dd>
        <dt>Ref</dt>
        <dd class="mono">{event.ref}</dd>
        <dt>Trigger</dt>
        <dd>{event.trigger}</dd>
        <dt>Created</dt>
        <dd>
          <Instant value={event.createdAt} />
        </dd>
        <dt>Completed</dt>
        <dd>
          <Instant value={event.completedAt} />
        </dd>
        <dt>Duration</dt>
        <dd>{formatDuration(event.durationMs)}</dd>
        <dt>Subscription</dt>
        <dd>
          {event.subscriptionId === null ? (
            '—'
          ) : (
            <a class="mono" href={paths.subscription(event.subscriptionId)}>
              {event.subscriptionId}
            </a>
          )}
        </dd>
        <dt>Owner</dt>
        <dd class="mono">{event.ownerId ?? <Dash />}</dd>
        <dt>Correlation id</dt>
        <dd class="mono">{event.correlationId ?? <Dash />}</dd>
        {event.replayOf !== null && (
          <>
            <dt>Replay of</dt>
            <dd>
              <a href={paths.event(event.replayOf)}>Replay of {event.replayOf}</a>
            </dd>
          </>
        )}
        {event.coalescedInto !== null && (
          <>
            <dt>Answered by</dt>
            <dd>
              <a href={paths.event(event.coalescedInto)}>{event.coalescedInto}</a>, whose sync
              served this request too
            </dd>
          </>
        )}
      </dl>

      <section aria-labelledby="changes-title">
        <h2 id="changes-title">Changes</h2>
        <ChangesTable
          changes={event.changes}
          caption="Fields this event changed"
          emptyHint={NOTHING_CHANGED[event.status]}
        />
      </section>

      {event.replays.length > 0 && (
        <section aria-labelledby="replays-title">
          <h2 id="replays-title">Replays</h2>
          <ul class="plain-list">
            {event.replays.map((replay) => (
              <li key={replay.id}>
                <a class="mono" href={paths.event(replay.id)}>
                  {replay.id}
                </a>{' '}
                <StatusPill status={replay.status} /> <Instant value={replay.createdAt} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="request-title">
        <h2 id="request-title">Request</h2>
        {event.request === null ? (
          <p class="muted">The request this event carried out is not recorded.</p>
        ) : (
          <>
            <p>
              Topic <span class="mono">{event.request.topic}</span>
            </p>
            <JsonBlock value={event.request.data} label="Request data" />
          </>
        )}
      </section>

      {event.deadLetter !== null && <DeadLetterSection deadLetter={event.deadLetter} />}
    </>
  );
}

/** Why it failed (red) or was skipped, in words. */
function Outcome({ event }: { event: EventDetail }) {
  if (event.status === 'failed') {
    return (
      <div class="callout callout-error" role="alert" data-testid="event-error">
        <strong>{event.error?.code ?? 'Failed'}</strong>{' '}
        {event.error?.message ?? event.reason ?? 'The sync failed without saying why.'}
        {event.error !== null && event.reason !== null && event.reason !== event.error.message && (
          <p class="callout-detail">{event.reason}</p>
        )}
      </div>
    );
  }
  if (event.reason === null) return null;
  return (
    <div class={`callout ${event.status === 'skipped' ? 'callout-warn' : 'callout-info'}`}>
      <strong>{event.status === 'skipped' ? 'Skipped:' : 'Reason:'}</strong> {event.reason}
    </div>
  );
}
