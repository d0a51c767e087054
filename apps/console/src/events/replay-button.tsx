import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useApi } from '../api/api-context';
import { errorMessage } from '../api/api-errors';
import { useCan } from '../auth/session-context';
import { paths } from '../routes';

/**
 * Queues the event's request again and opens the new event, which then shows its progress.
 * Not shown to a token without the `operate` role.
 */
export function ReplayButton({ eventId }: { eventId: string }) {
  const api = useApi();
  const allowed = useCan('operate');
  const { route } = useLocation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const replay = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const accepted = await api.replayEvent(eventId);
      route(paths.event(accepted.eventId));
    } catch (error) {
      setProblem(errorMessage(error));
      setBusy(false);
    }
  };

  if (!allowed) return null;
  return (
    <div class="replay">
      <button
        type="button"
        class="button button-primary"
        disabled={busy}
        onClick={() => void replay()}
      >
        {busy ? 'Replaying…' : 'Replay'}
      </button>
      {problem !== null && (
        <p class="field-error" role="alert">
          Replay refused: {problem}
        </p>
      )}
    </div>
  );
}
