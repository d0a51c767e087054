import type { FactoryProvider } from '@nestjs/common';
import { SyncUnitOfWork } from '@subsync/persistence';
import { StripeEventIntakeInUnitOfWork } from './stripe-event-intake';
import { SyncRequestsInUnitOfWork } from './sync-requests';

export const SYNC_REQUESTS = Symbol('SyncRequests');
export const STRIPE_EVENT_INTAKE = Symbol('StripeEventIntake');

/** The ports that ask for syncs, on the service's unit of work (factories: none in preview). */
export const SYNC_REQUEST_PROVIDERS: FactoryProvider[] = [
  {
    provide: SYNC_REQUESTS,
    useFactory: (unitOfWork: SyncUnitOfWork) => new SyncRequestsInUnitOfWork(unitOfWork),
    inject: [SyncUnitOfWork],
  },
  {
    provide: STRIPE_EVENT_INTAKE,
    useFactory: (unitOfWork: SyncUnitOfWork) => new StripeEventIntakeInUnitOfWork(unitOfWork),
    inject: [SyncUnitOfWork],
  },
];
