import type { IsoDate, SubscriptionStatus } from '../subscription/subscription.model';
import type { ZuoraSubscription } from './zuora.types';

/**
 * Active → active, Cancelled → cancelled, Suspended → suspended, Expired or out of term →
 * expired, and anything not yet live (draft, pending) → pending.
 * A termed subscription that is still "Active" in Zuora but whose term ended without renewal
 * is out of term, so it is expired too.
 */
export function mapZuoraStatus(
  subscription: ZuoraSubscription,
  today: IsoDate,
): SubscriptionStatus {
  switch (subscription.status) {
    case 'Active':
      return isOutOfTerm(subscription, today) ? 'expired' : 'active';
    case 'Cancelled':
      return 'cancelled';
    case 'Suspended':
      return 'suspended';
    case 'Expired':
    case 'OutOfTerm':
      return 'expired';
    case 'Draft':
    case 'Pending Activation':
    case 'Pending Acceptance':
      return 'pending';
  }
}

function isOutOfTerm(subscription: ZuoraSubscription, today: IsoDate): boolean {
  return (
    subscription.termType === 'TERMED' &&
    !subscription.autoRenew &&
    subscription.termEndDate !== null &&
    subscription.termEndDate <= today
  );
}
