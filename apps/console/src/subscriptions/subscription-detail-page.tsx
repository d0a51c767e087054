import { useLocation, useRoute } from 'preact-iso';
import { useApi } from '../api/api-context';
import { isNotFound } from '../api/api-errors';
import type { Provider } from '../api/api-types';
import { paths } from '../routes';
import { ErrorNotice, Loading } from '../ui/notices';
import { useResource } from '../ui/use-resource';
import { SubscriptionView } from './subscription-view';
import { SyncPanel } from './sync-panel';

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

/** A 404: the platform does not hold it yet, but a sync imports it from the provider. */
function UnknownSubscription({ id }: { id: string }) {
  const { route } = useLocation();
  // Stripe subscription ids start with sub_; anything else is for Zuora to resolve.
  const provider: Provider = id.startsWith('sub_') ? 'stripe' : 'zuora';
  return (
    <div class="card">
      <h1>No subscription known as “{id}”</h1>
      <p>
        The platform holds no subscription by that id, reference or provider number. If{' '}
        {provider === 'zuora' ? 'Zuora' : 'Stripe'} has it, a sync imports it.
      </p>
      <SyncPanel
        provider={provider}
        subscriptionId={id}
        label={`Import from ${provider === 'zuora' ? 'Zuora' : 'Stripe'}`}
        onSynced={(result) => {
          if (result.outcome === 'succeeded' && result.subscriptionId !== null) {
            route(paths.subscription(result.subscriptionId));
          }
        }}
      />
    </div>
  );
}
