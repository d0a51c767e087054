import { useLocation, useRoute } from 'preact-iso';
import { useApi } from '../api/api-context';
import { isNotFound } from '../api/api-errors';
import { paths } from '../routes';
import { ErrorNotice, Loading } from '../ui/notices';
import { useResource } from '../ui/use-resource';
import { SubscriptionView } from './subscription-view';
import { importCandidates } from './sync-outcome';
import { SyncPanel } from './sync-panel';
import { useProviders } from './use-providers';

export function SubscriptionDetailPage() {
  const api = useApi();
  const id = useRoute().params.id ?? '';
  const resource = useResource((signal) => api.getSubscription(id, signal), id);
  const subscription = resource.data;
  const unknown = isNotFound(resource.error);

  return (
    <section>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <a href={paths.subscriptions}>Subscriptions</a> /{' '}
        <span class="mono">{subscription?.reference ?? id}</span>
      </nav>
      {unknown && subscription === undefined ? (
        <UnknownSubscription id={id} />
      ) : (
        resource.error !== undefined && <ErrorNotice error={resource.error} />
      )}
      {subscription === undefined ? (
        resource.error === undefined && <Loading what="the subscription" />
      ) : (
        <SubscriptionView subscription={subscription} onSynced={resource.reload} />
      )}
    </section>
  );
}

/**
 * A 404: the platform does not hold it yet, but a sync imports it from the provider that has it.
 * Which providers may have it is the gateway's to say (`GET /api/providers`): those whose ids
 * have the shape of this one, else those whose ids have no fixed shape.
 */
function UnknownSubscription({ id }: { id: string }) {
  const { route } = useLocation();
  const providers = useProviders();
  const candidates = importCandidates(id, providers.data ?? []);
  const names = candidates.map((provider) => provider.displayName).join(' or ');
  return (
    <div class="card">
      <h1>No subscription known as “{id}”</h1>
      {providers.error !== undefined && <ErrorNotice error={providers.error} />}
      {providers.data === undefined ? (
        providers.error === undefined && <Loading what="the providers" />
      ) : candidates.length === 0 ? (
        <p>
          The platform holds no subscription by that id, reference or provider number, and no
          provider's subscription ids look like it.
        </p>
      ) : (
        <>
          <p>
            The platform holds no subscription by that id, reference or provider number. If {names}{' '}
            has it, a sync imports it.
          </p>
          {candidates.map((provider) => (
            <SyncPanel
              key={provider.id}
              provider={provider.id}
              subscriptionId={id}
              label={`Import from ${provider.displayName}`}
              onSynced={(result) => {
                if (result.outcome === 'succeeded' && result.subscriptionId !== null) {
                  route(paths.subscription(result.subscriptionId));
                }
              }}
            />
          ))}
        </>
      )}
    </div>
  );
}
