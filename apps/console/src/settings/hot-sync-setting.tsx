import { useState } from 'preact/hooks';
import { useApi } from '../api/api-context';
import { errorMessage } from '../api/api-errors';
import { useCan } from '../auth/session-context';
import { ErrorNotice, Loading } from '../ui/notices';
import { useResource } from '../ui/use-resource';

type Save =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved' }
  | { state: 'failed'; message: string };

/** The hot-sync switch, saved as soon as it is flipped. */
export function HotSyncSetting() {
  const api = useApi();
  const mayChange = useCan('administer');
  const settings = useResource((signal) => api.getZuoraSettings(signal), 'zuora-settings');
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [save, setSave] = useState<Save>({ state: 'idle' });
  const shown = enabled ?? settings.data?.hotSyncEnabled ?? false;

  const toggle = async (next: boolean) => {
    setEnabled(next);
    setSave({ state: 'saving' });
    try {
      const saved = await api.putZuoraSettings({ hotSyncEnabled: next });
      setEnabled(saved.hotSyncEnabled);
      setSave({ state: 'saved' });
    } catch (error) {
      setEnabled(!next);
      setSave({ state: 'failed', message: errorMessage(error) });
    }
  };

  return (
    <section class="card" aria-labelledby="zuora-settings-title">
      <h2 id="zuora-settings-title">Zuora</h2>
      {settings.data === undefined ? (
        settings.error === undefined ? (
          <Loading what="the Zuora settings" />
        ) : (
          <ErrorNotice error={settings.error} />
        )
      ) : (
        <>
          <div class="switch-row">
            <input
              id="hot-sync-enabled"
              type="checkbox"
              role="switch"
              class="switch"
              checked={shown}
              disabled={!mayChange || save.state === 'saving'}
              onChange={(event) => void toggle(event.currentTarget.checked)}
            />
            <label for="hot-sync-enabled">Hot sync at login</label>
            <span class="save-state" role="status" aria-live="polite">
              {save.state === 'saving' && 'Saving…'}
              {save.state === 'saved' && 'Saved'}
            </span>
          </div>
          <p class="hint">
            When on, a customer’s login (an ID token from a provider below) pulls their Zuora
            account in the background.
          </p>
          {!mayChange && (
            <p class="hint" data-testid="read-only-settings">
              Changing settings needs the <code>administer</code> role.
            </p>
          )}
          {save.state === 'failed' && (
            <p class="field-error" role="alert">
              Not saved: {save.message}
            </p>
          )}
        </>
      )}
    </section>
  );
}
