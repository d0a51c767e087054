import type { IsoDate, SubscriptionTerms } from '../subscription/subscription.model';
import { mapZuoraStatus } from './zuora-status.mapper';
import type { ZuoraSubscription } from './zuora.types';

/** Rule 1 and rule 5: term dates (an evergreen subscription has no end), status and auto-renew. */
export function mapZuoraTerms(subscription: ZuoraSubscription, today: IsoDate): SubscriptionTerms {
  const evergreen = subscription.termType === 'EVERGREEN';
  return {
    status: mapZuoraStatus(subscription, today),
    termStart: subscription.termStartDate ?? subscription.subscriptionStartDate,
    termEnd: evergreen ? null : subscription.termEndDate,
    autoRenew: subscription.autoRenew,
  };
}
