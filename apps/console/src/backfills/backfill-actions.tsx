import { useState } from 'preact/hooks';
import { useApi } from '../api/api-context';
import { errorMessage } from '../api/api-errors';
import type { BackfillJob } from '../api/api-types';
import { useCan } from '../auth/session-context';
import { actionsFor, type BackfillActionName } from './backfill-progress';

const LABELS: Record<BackfillActionName, string> = {
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel backfill',
};

/** Pause, resume or cancel, as the job's state allows; nothing for a token without `operate`. */
export function BackfillActions({ job, onChanged }: { job: BackfillJob; onChanged: () => void }) {
  const api = useApi();
  const allowed = useCan('operate');
  const [busy, setBusy] = useState<BackfillActionName | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const act = async (action: BackfillActionName) => {
    setBusy(action);
    setProblem(null);
    try {
      await api.actOnBackfill(job.id, action);
      onChanged();
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  const actions = actionsFor(job.status);
  if (!allowed || actions.length === 0) return null;
  return (
    <div class="backfill-actions">
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          class={`button${action === 'cancel' ? ' button-danger' : ''}`}
          disabled={busy !== null}
          onClick={() => void act(action)}
        >
          {busy === action ? `${LABELS[action]}…` : LABELS[action]}
        </button>
      ))}
      {problem !== null && (
        <p class="field-error" role="alert">
          Refused: {problem}
        </p>
      )}
    </div>
  );
}
