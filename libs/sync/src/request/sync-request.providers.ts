import type { FactoryProvider } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@subsync/messaging';
import { StripeEventIntakeTypeOrm } from './stripe-event-intake';
import { SyncRequestsTypeOrm } from './sync-requests';

export const SYNC_REQUESTS = Symbol('SyncRequests');
export const STRIPE_EVENT_INTAKE = Symbol('StripeEventIntake');

/** The ports that ask for syncs, on the service runtime's database and outbox. */
export const SYNC_REQUEST_PROVIDERS: FactoryProvider[] = [
  {
    provide: SYNC_REQUESTS,
    useFactory: ({ dataSource, outbox }: ServiceRuntime) =>
      new SyncRequestsTypeOrm(dataSource, outbox),
    inject: [SERVICE_RUNTIME],
  },
  {
    provide: STRIPE_EVENT_INTAKE,
    useFactory: ({ dataSource, outbox }: ServiceRuntime) =>
      new StripeEventIntakeTypeOrm(dataSource, outbox),
    inject: [SERVICE_RUNTIME],
  },
];
