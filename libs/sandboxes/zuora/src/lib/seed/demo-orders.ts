import type { SandboxStore } from '../store/sandbox.store';
import { addDays, addMonths, nextPeriodBoundary, type IsoDate } from '../util/dates';
import { ZUORA_SANDBOX_DEMO as DEMO } from './demo.constants';

const stamp = (date: IsoDate, time: string): string => `${date} ${time}`;

export function seedDemoOrders(store: SandboxStore, today: IsoDate): void {
  const priceUpdated = addDays(today, -20);
  store.putOrder(DEMO.orders.priceUpdate, {
    orderDate: priceUpdated,
    createdDate: stamp(priceUpdated, '14:12:00'),
    createdBy: DEMO.uiUserId,
    category: 'NewSales',
    description: 'Price update to 12.99 made in Zuora',
    existingAccountNumber: DEMO.accounts.hartley,
    currency: 'GBP',
    customFields: { Source__c: null, InitiatedSource__c: null },
    subscriptions: [
      {
        subscriptionNumber: DEMO.subscriptions.termed,
        baseVersion: 2,
        newVersion: 3,
        orderActions: [{ type: 'UpdateProduct' }],
      },
    ],
  });

  const cancelled = addDays(today, -10);
  store.putOrder(DEMO.orders.platformCancel, {
    orderDate: cancelled,
    createdDate: stamp(cancelled, '16:45:00'),
    createdBy: DEMO.integrationUserId,
    category: 'NewSales',
    existingAccountNumber: DEMO.accounts.muller,
    currency: 'EUR',
    customFields: { Source__c: 'shop', InitiatedSource__c: 'self-service' },
    subscriptions: [
      {
        subscriptionNumber: DEMO.subscriptions.cancelled,
        baseVersion: 1,
        newVersion: 2,
        orderActions: [{ type: 'CancelSubscription', changeReason: 'Customer request' }],
      },
    ],
  });

  const switched = addMonths(today, -1);
  store.putOrder(DEMO.orders.integrationChangePlan, {
    orderDate: switched,
    createdDate: stamp(switched, '11:20:00'),
    createdBy: DEMO.integrationUserId,
    category: 'NewSales',
    existingAccountNumber: DEMO.accounts.hartley,
    currency: 'GBP',
    customFields: { Source__c: null, InitiatedSource__c: null },
    subscriptions: [
      {
        subscriptionNumber: DEMO.subscriptions.removedRatePlan,
        baseVersion: 1,
        newVersion: 2,
        orderActions: [{ type: 'RemoveProduct' }, { type: 'AddProduct' }],
      },
    ],
  });

  const noticed = addDays(today, -14);
  const rise = nextPeriodBoundary(addMonths(today, -5), 1, today);
  store.putOrder(DEMO.orders.priceRise, {
    orderDate: noticed,
    createdDate: stamp(noticed, '08:05:00'),
    createdBy: DEMO.uiUserId,
    category: 'NewSales',
    description: 'Price rise from 10.00 to 12.00',
    existingAccountNumber: DEMO.accounts.oconnor,
    currency: 'EUR',
    customFields: { Source__c: null, InitiatedSource__c: null },
    subscriptions: [
      {
        subscriptionNumber: DEMO.subscriptions.futurePriceChange,
        baseVersion: 1,
        newVersion: 2,
        orderActions: [
          {
            type: 'UpdateProduct',
            triggerDates: [
              { name: 'ContractEffective', triggerDate: rise },
              { name: 'ServiceActivation', triggerDate: rise },
              { name: 'CustomerAcceptance', triggerDate: rise },
            ],
          },
        ],
      },
    ],
  });
}
