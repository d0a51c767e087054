import type { Subscription } from '../api/api-types';
import { formatDate } from '../format/format';
import { paths } from '../routes';
import { Instant } from '../ui/instant';
import { StatusPill } from '../ui/status-pill';
import { SubscriptionSections } from './subscription-sections';
import { SyncPanel } from './sync-panel';
import { Dash } from '../ui/dash';

interface Props {
  subscription: Subscription;
  onSynced: () => void;
}

export function SubscriptionView({ subscription: sub, onSynced }: Props) {
  const { zuora, stripe } = sub.external;
  return (
    <>
      <div class="page-head">
        <h1>{sub.reference}</h1>
        <StatusPill status={sub.status} />
        <span class="spacer" />
        <a class="button" href={paths.eventsForSubscription(sub.id)}>
          Events for this subscription
        </a>
      </div>
      <SyncPanel key={sub.id} provider={sub.source} subscriptionId={sub.id} onSynced={onSynced} />

      <section aria-labelledby="summary-title">
        <h2 id="summary-title">Summary</h2>
        <dl class="facts">
          <dt>Status</dt>
          <dd>
            <StatusPill status={sub.status} />
          </dd>
          <dt>Source</dt>
          <dd>{sub.source}</dd>
          <dt>Reference</dt>
          <dd class="mono">{sub.reference}</dd>
          <dt>Platform id</dt>
          <dd class="mono">{sub.id}</dd>
          <dt>Term start</dt>
          <dd data-testid="term-start">{formatDate(sub.termStart)}</dd>
          <dt>Term end</dt>
          <dd data-testid="term-end">{formatDate(sub.termEnd)}</dd>
          <dt>Auto-renew</dt>
          <dd>{sub.autoRenew ? 'Yes' : 'No'}</dd>
          <dt>Owner</dt>
          <dd class="mono">{sub.owner ?? <Dash />}</dd>
          <dt>Last synced</dt>
          <dd data-testid="last-synced">
            <Instant value={sub.lastSyncedAt} />
          </dd>
          {zuora !== null && (
            <>
              <dt>Zuora subscription</dt>
              <dd class="mono">{zuora.subscriptionNumber}</dd>
              <dt>Zuora account</dt>
              <dd class="mono">{zuora.accountNumber}</dd>
            </>
          )}
          {stripe !== null && (
            <>
              <dt>Stripe subscription</dt>
              <dd class="mono">{stripe.subscriptionId}</dd>
              <dt>Stripe customer</dt>
              <dd class="mono">{stripe.customerId}</dd>
            </>
          )}
        </dl>
      </section>
      <SubscriptionSections subscription={sub} />
    </>
  );
}
