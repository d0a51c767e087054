import {
  createEnvelope,
  type SyncRequested,
  Topics,
  type ZuoraAccount,
  type ZuoraAccountPaymentMethods,
  type ZuoraOrder,
  type ZuoraSubscription,
} from '@subsync/domain';
import type { MessageGroup } from '@subsync/messaging';
import { ZuoraApiError, type ZuoraClient } from '@subsync/zuora-client';

// What the zuora-sync unit specs share: a Zuora of maps, its records, and sync requests.

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

export function aSubscription(overrides: Partial<ZuoraSubscription> = {}): ZuoraSubscription {
  return {
    id: '8a8082c45aa81b51015ad68743ec0fdb',
    subscriptionNumber: 'A-S00000271',
    accountId: '8a8082c45aa81b51015ad64396090f5c',
    accountNumber: 'A00000271',
    version: 3,
    status: 'Active',
    termType: 'TERMED',
    subscriptionStartDate: '2025-01-01',
    subscriptionEndDate: '2027-01-01',
    termStartDate: '2026-01-01',
    termEndDate: '2027-01-01',
    autoRenew: true,
    currency: 'GBP',
    ratePlans: [],
    ...overrides,
  };
}

export function anAccount(crmId?: string): ZuoraAccount {
  const contact = {
    firstName: 'Jane',
    lastName: 'Doe',
    workEmail: 'jane.doe@example.com',
    personalEmail: null,
    address1: '1 High Street',
    address2: null,
    city: 'London',
    state: 'Greater London',
    zipCode: 'SW1A 1AA',
    country: 'United Kingdom',
  };
  return {
    basicInfo: {
      id: '8a8082c45aa81b51015ad64396090f5c',
      accountNumber: 'A00000271',
      name: 'Jane Doe Account',
      status: 'Active',
      ...(crmId === undefined ? {} : { crmId }),
    },
    billToContact: contact,
    soldToContact: contact,
  };
}

/** One Kafka message group of a sync request for Zuora. */
export function zuoraRequest(
  ref: string,
  scope: SyncRequested['scope'] = 'subscription',
): MessageGroup<SyncRequested> {
  const envelope = createEnvelope({
    topic: Topics.syncRequested,
    source: 'spec',
    now: new Date(),
    data: { provider: 'zuora' as const, scope, ref, trigger: 'api' as const },
  });
  return {
    key: `zuora:${ref}`,
    messages: [
      { envelope, topic: Topics.syncRequested, partition: 0, offset: '0', key: ref, headers: {} },
    ],
  };
}
