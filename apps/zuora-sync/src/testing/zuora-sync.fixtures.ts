import {
  type SyncRequested,
  type ZuoraAccount,
  type ZuoraAccountPaymentMethods,
  type ZuoraOrder,
  type ZuoraSubscription,
} from '@subsync/domain';
import type { MessageGroup } from '@subsync/messaging';
import { syncRequestGroup } from '@subsync/sync/testing';
import { ZuoraApiError, type ZuoraClient } from '@subsync/zuora-client';

// What the zuora-sync unit specs share: a Zuora of maps, and sync requests.

/** Zuora as a few maps; what is missing answers NOT_FOUND, as Zuora does. */
export class FakeZuora implements Pick<
  ZuoraClient,
  'getSubscription' | 'getAccount' | 'getOrder' | 'listSubscriptionsByAccount' | 'getPaymentMethods'
> {
  readonly subscriptions = new Map<string, ZuoraSubscription>();
  readonly accounts = new Map<string, ZuoraAccount>();
  readonly paymentMethods = new Map<string, ZuoraAccountPaymentMethods>();

  getSubscription(key: string): Promise<ZuoraSubscription> {
    return found(this.subscriptions.get(key), `subscription ${key}`);
  }

  getAccount(key: string): Promise<ZuoraAccount> {
    return found(this.accounts.get(key), `account ${key}`);
  }

  getOrder(orderNumber: string): Promise<ZuoraOrder> {
    return found<ZuoraOrder>(undefined, `order ${orderNumber}`);
  }

  listSubscriptionsByAccount(accountKey: string): Promise<ZuoraSubscription[]> {
    return Promise.resolve(
      [...this.subscriptions.values()]
        .filter((subscription) => subscription.accountNumber === accountKey)
        .map((subscription) => structuredClone(subscription)),
    );
  }

  getPaymentMethods(accountKey: string): Promise<ZuoraAccountPaymentMethods> {
    return Promise.resolve(
      structuredClone(
        this.paymentMethods.get(accountKey) ?? { defaultPaymentMethodId: null, paymentMethods: [] },
      ),
    );
  }
}

function found<T>(value: T | undefined, what: string): Promise<T> {
  if (value !== undefined) return Promise.resolve(structuredClone(value));
  return Promise.reject(
    new ZuoraApiError('NOT_FOUND', `no ${what}`, {
      retryable: false,
      httpStatus: 404,
      zuoraCode: 50000040,
    }),
  );
}

/** One Kafka message group of a sync request for Zuora. */
export function zuoraRequest(
  ref: string,
  scope: SyncRequested['scope'] = 'subscription',
): MessageGroup<SyncRequested> {
  return syncRequestGroup('zuora', ref, scope);
}
