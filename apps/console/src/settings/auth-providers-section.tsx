import { useState } from 'preact/hooks';
import { useApi } from '../api/api-context';
import type { AuthProvider } from '../api/api-types';
import { useCan } from '../auth/session-context';
import { Instant } from '../ui/instant';
import { EmptyState, ErrorNotice, Loading } from '../ui/notices';
import { useResource } from '../ui/use-resource';
import { IdentityClaimsEditor } from './identity-claims-editor';
import { Dash } from '../ui/dash';

export function AuthProvidersSection() {
  const api = useApi();
  const providers = useResource((signal) => api.listAuthProviders(signal), 'auth-providers');
  // Saved providers replace the loaded ones without a reload.
  const [saved, setSaved] = useState<Record<string, AuthProvider>>({});
  const list = providers.data?.data.map((provider) => saved[provider.providerId] ?? provider);

  return (
    <section aria-labelledby="auth-providers-title">
      <h2 id="auth-providers-title">Authentication providers</h2>
      <p class="lede">
        Identity providers whose ID tokens <code>POST /api/identity/login</code> accepts, and the
        claims in them that name a customer’s Zuora account.
      </p>
      {providers.error !== undefined && <ErrorNotice error={providers.error} />}
      {list === undefined ? (
        providers.error === undefined && <Loading what="authentication providers" />
      ) : list.length === 0 ? (
        <EmptyState title="No authentication providers">
          None is configured, so hot sync has no logins to act on. Add one with{' '}
          <code>PUT /api/settings/auth-providers/&#123;providerId&#125;</code>.
        </EmptyState>
      ) : (
        list.map((provider) => (
          <ProviderCard
            key={provider.providerId}
            provider={provider}
            onSaved={(next) => setSaved((current) => ({ ...current, [next.providerId]: next }))}
          />
        ))
      )}
    </section>
  );
}

function ProviderCard({
  provider,
  onSaved,
}: {
  provider: AuthProvider;
  onSaved: (p: AuthProvider) => void;
}) {
  const mayEdit = useCan('administer');
  const [editing, setEditing] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const titleId = `provider-${provider.providerId}`;

  return (
    <article
      class="card provider-card"
      aria-labelledby={titleId}
      data-provider-id={provider.providerId}
    >
      <div class="card-head">
        <h3 id={titleId} class="mono">
          {provider.providerId}
        </h3>
        {justSaved && (
          <span class="save-state" role="status">
            Saved
          </span>
        )}
        <span class="spacer" />
        {mayEdit && !editing && (
          <button
            type="button"
            class="button"
            onClick={() => {
              setEditing(true);
              setJustSaved(false);
            }}
          >
            Edit identity claims
          </button>
        )}
      </div>
      <dl class="facts facts-compact">
        <dt>Issuer</dt>
        <dd class="mono">{provider.issuer}</dd>
        <dt>Verification</dt>
        <dd>
          {provider.jwksUrl !== null ? (
            <>
              JWKS <span class="mono">{provider.jwksUrl}</span>
            </>
          ) : (
            'HS256 secret (stored, not shown)'
          )}
        </dd>
        <dt>Audience</dt>
        <dd class="mono">{provider.audience ?? <Dash />}</dd>
        <dt>Updated</dt>
        <dd>
          <Instant value={provider.updatedAt} />
        </dd>
      </dl>
      <h4>Identity claims</h4>
      {editing ? (
        <IdentityClaimsEditor
          provider={provider}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            onSaved(next);
            setEditing(false);
            setJustSaved(true);
          }}
        />
      ) : provider.identityClaims.length === 0 ? (
        <p class="muted">No identity claims: hot sync ignores this provider’s logins.</p>
      ) : (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">Claim</th>
              <th scope="col">Service</th>
              <th scope="col">Issuer</th>
              <th scope="col">Type</th>
              <th scope="col">Account lookup</th>
              <th scope="col">Lookup field</th>
            </tr>
          </thead>
          <tbody>
            {provider.identityClaims.map((claim, index) => (
              <tr key={`${claim.claim}-${index}`}>
                <td class="mono">{claim.claim}</td>
                <td>{claim.service}</td>
                <td>{claim.issuer}</td>
                <td>{claim.type}</td>
                <td>{claim.accountLookup ? 'Yes' : 'No'}</td>
                <td class="mono">{claim.accountLookupField ?? <Dash />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
