import { useState } from 'preact/hooks';
import { useApi } from '../api/api-context';
import { errorMessage } from '../api/api-errors';
import type { AuthProvider } from '../api/api-types';
import {
  type ClaimRow,
  newClaimRow,
  providerBody,
  toClaimRows,
  toIdentityClaims,
} from './identity-claims';

interface Props {
  provider: AuthProvider;
  onSaved: (provider: AuthProvider) => void;
  onCancel: () => void;
}

/** Edits a provider's identity claims and PUTs the whole provider; a 400 is shown inline. */
export function IdentityClaimsEditor({ provider, onSaved, onCancel }: Props) {
  const api = useApi();
  const [rows, setRows] = useState<ClaimRow[]>(() => toClaimRows(provider.identityClaims));
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const update = (index: number, patch: Partial<ClaimRow>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem(null);
    try {
      const body = providerBody(provider, toIdentityClaims(rows));
      onSaved(await api.putAuthProvider(provider.providerId, body));
    } catch (error) {
      setProblem(errorMessage(error));
      setSaving(false);
    }
  };

  const prefix = `claims-${provider.providerId}`;
  return (
    <form
      class="claims-editor"
      onSubmit={(event) => void save(event)}
      aria-label={`Identity claims of ${provider.providerId}`}
    >
      {rows.length === 0 ? (
        <p class="muted">No identity claims: hot sync will ignore this provider’s logins.</p>
      ) : (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">Claim</th>
              <th scope="col">Maps to</th>
              <th scope="col">Account lookup</th>
              <th scope="col">Lookup field</th>
              <th scope="col">
                <span class="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const n = index + 1;
              return (
                <tr key={index}>
                  <td>
                    <input
                      id={`${prefix}-claim-${n}`}
                      type="text"
                      aria-label={`Claim ${n}`}
                      spellcheck={false}
                      placeholder="e.g. zuora_account"
                      value={row.claim}
                      onInput={(e) => update(index, { claim: e.currentTarget.value })}
                    />
                  </td>
                  <td class="muted small">
                    {row.service} / {row.issuer} / {row.type}
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Account lookup ${n}`}
                      checked={row.accountLookup}
                      onChange={(e) => update(index, { accountLookup: e.currentTarget.checked })}
                    />
                  </td>
                  <td>
                    <input
                      type="text"
                      aria-label={`Lookup field ${n}`}
                      spellcheck={false}
                      placeholder={row.accountLookup ? 'ExternalId__c' : 'not used'}
                      value={row.accountLookupField}
                      onInput={(e) => update(index, { accountLookupField: e.currentTarget.value })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      class="button button-quiet-dark"
                      aria-label={`Remove row ${n}`}
                      onClick={() => setRows((current) => current.filter((_, i) => i !== index))}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p class="hint">
        A claim names the customer’s Zuora account number directly, or, with account lookup, a value
        to find in a Zuora account custom field (such as <code>ExternalId__c</code>).
      </p>
      {problem !== null && (
        <p class="field-error" role="alert">
          Not saved: {problem}
        </p>
      )}
      <div class="form-actions">
        <button
          type="button"
          class="button"
          onClick={() => setRows((current) => [...current, newClaimRow()])}
        >
          Add claim
        </button>
        <span class="spacer" />
        <button type="button" class="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
        <button type="submit" class="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save claims'}
        </button>
      </div>
    </form>
  );
}
