import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useApi } from '../api/api-context';
import { errorMessage } from '../api/api-errors';
import { PROVIDERS, type Provider } from '../api/api-types';
import { useCan } from '../auth/session-context';
import { paths } from '../routes';
import { backfillRequestOf, type BackfillFormFields, EMPTY_BACKFILL_FORM } from './backfill-form';

/** Starts a backfill and opens its page; only for a token with `operate`. */
export function StartBackfillForm() {
  const api = useApi();
  const allowed = useCan('operate');
  const { route } = useLocation();
  const [fields, setFields] = useState<BackfillFormFields>(EMPTY_BACKFILL_FORM);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!allowed) return null;

  const set = (name: keyof BackfillFormFields) => (event: Event) =>
    setFields({ ...fields, [name]: (event.currentTarget as HTMLInputElement).value });
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const job = await api.startBackfill(backfillRequestOf(fields));
      route(paths.backfill(job.id));
    } catch (error) {
      setProblem(errorMessage(error));
      setBusy(false);
    }
  };
  const input = (name: keyof BackfillFormFields, label: string, hint?: string) => (
    <div class="field">
      <label for={`backfill-${name}`}>{label}</label>
      {hint === undefined ? (
        <input
          id={`backfill-${name}`}
          type="datetime-local"
          value={fields[name]}
          onInput={set(name)}
        />
      ) : (
        <input
          id={`backfill-${name}`}
          type="text"
          value={fields[name]}
          placeholder={hint}
          onInput={set(name)}
        />
      )}
    </div>
  );

  return (
    <form class="filters" aria-label="Start a backfill" onSubmit={(event) => void submit(event)}>
      <div class="field">
        <label for="backfill-provider">Provider</label>
        <select
          id="backfill-provider"
          value={fields.provider}
          onChange={(event) =>
            setFields({ ...fields, provider: event.currentTarget.value as Provider })
          }
        >
          {PROVIDERS.map((provider) => (
            <option key={provider} value={provider}>
              {provider}
            </option>
          ))}
        </select>
      </div>
      {fields.provider === 'zuora' ? (
        <>
          {input('updatedSince', 'Updated since')}
          {input('accounts', 'Accounts', 'Zuora account ids, comma-separated')}
        </>
      ) : (
        <>
          {input('createdFrom', 'Created from')}
          {input('createdTo', 'Created before')}
          {input('customers', 'Customers', 'cus_…, comma-separated')}
        </>
      )}
      <div class="filter-actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? 'Starting…' : 'Start backfill'}
        </button>
      </div>
      {problem !== null && (
        <p class="field-error form-wide" role="alert">
          Not started: {problem}
        </p>
      )}
    </form>
  );
}
