import { useLocation } from 'preact-iso';
import type { EventSummary } from '../api/api-types';
import { truncate } from '../format/format';
import { paths } from '../routes';
import { Instant } from '../ui/instant';
import { StatusPill } from '../ui/status-pill';

/** The Events log as a table; a click anywhere on a row opens the event. */
export function EventsTable({ events }: { events: EventSummary[] }) {
  const { route } = useLocation();
  const open = (id: string) => (event: MouseEvent) => {
    // Links and selected text keep their own behaviour.
    if ((event.target as Element).closest('a') !== null) return;
    if (window.getSelection()?.toString()) return;
    route(paths.event(id));
  };

  return (
    <div class="table-wrap">
      <table class="data-table events-table">
        <thead>
          <tr>
            <th scope="col">Created</th>
            <th scope="col">Event</th>
            <th scope="col">Type</th>
            <th scope="col">Provider</th>
            <th scope="col">Ref</th>
            <th scope="col">Trigger</th>
            <th scope="col">Status</th>
            <th scope="col">Subscription</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr
              key={event.id}
              class="clickable"
              data-testid="event-row"
              data-event-id={event.id}
              onClick={open(event.id)}
            >
              <td class="nowrap">
                <Instant value={event.createdAt} />
              </td>
              <td>
                <a class="id-clip" href={paths.event(event.id)} title={event.id}>
                  {event.id}
                </a>
                {event.replayOf !== null && (
                  <span class="replay-mark" title={`Replay of ${event.replayOf}`}>
                    ↻ replay
                  </span>
                )}
              </td>
              <td>{event.type}</td>
              <td>{event.provider ?? <span class="muted">—</span>}</td>
              <td>
                <span class="id-clip" title={event.ref}>
                  {event.ref}
                </span>
              </td>
              <td>{event.trigger}</td>
              <td>
                <StatusPill status={event.status} />
              </td>
              <td>
                {event.subscriptionId === null ? (
                  <span class="muted">—</span>
                ) : (
                  <a
                    class="id-clip"
                    href={paths.subscription(event.subscriptionId)}
                    title={event.subscriptionId}
                  >
                    {event.subscriptionId}
                  </a>
                )}
              </td>
              <td class="reason">
                {event.reason !== null && (
                  <span class="clip" title={event.reason}>
                    {truncate(event.reason, 160)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
