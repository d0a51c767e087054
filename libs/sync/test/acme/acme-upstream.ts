import type { IsoDate } from '@subsync/domain';

// "Acme billing": an upstream API in memory, with subscriptions a spec can change between syncs.

export interface AcmeSubscription {
  /** `acme_sub_…` */
  id: string;
  customer: { id: string; name: string; email: string | null };
  state: 'live' | 'paused' | 'ended';
  startsOn: IsoDate;
  endsOn: IsoDate | null;
  renews: boolean;
  /** The next charge Acme will take; null when none is planned. */
  nextCharge: { on: IsoDate; amount: string; currency: string } | null;
  /** Goes up by one with every change Acme makes to the subscription. */
  revision: number;
}

export class AcmeApiError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'UNAVAILABLE',
    message: string,
  ) {
    super(message);
    this.name = 'AcmeApiError';
  }
}

/** What a sync reads from Acme. */
export interface AcmeApi {
  getSubscription(id: string, call: { signal: AbortSignal }): Promise<AcmeSubscription>;
}

/** Acme as a map; a subscription it lacks answers NOT_FOUND. */
export class FakeAcmeBilling implements AcmeApi {
  private readonly subscriptions = new Map<string, AcmeSubscription>();
  /** The ids asked for, in order. */
  readonly calls: string[] = [];
  /** When set, requests hang until their signal aborts (an Acme that does not answer). */
  unresponsive = false;

  add(subscription: AcmeSubscription): void {
    this.subscriptions.set(subscription.id, structuredClone(subscription));
  }

  /** Changes a subscription as Acme would: the change bumps its revision. */
  change(id: string, changes: Partial<Omit<AcmeSubscription, 'id' | 'revision'>>): void {
    const subscription = this.subscriptions.get(id);
    if (subscription === undefined) throw new Error(`Acme has no subscription ${id}`);
    Object.assign(subscription, structuredClone(changes));
    subscription.revision += 1;
  }

  getSubscription(id: string, call: { signal: AbortSignal }): Promise<AcmeSubscription> {
    this.calls.push(id);
    if (this.unresponsive) {
      return new Promise((_, reject) =>
        call.signal.addEventListener(
          'abort',
          () => reject(new AcmeApiError('UNAVAILABLE', 'aborted')),
          {
            once: true,
          },
        ),
      );
    }
    const subscription = this.subscriptions.get(id);
    if (subscription === undefined) {
      return Promise.reject(new AcmeApiError('NOT_FOUND', `no subscription ${id}`));
    }
    return Promise.resolve(structuredClone(subscription));
  }
}

/** An Acme subscription: £9.50 a month, live from 2026-01-01 to 2027-01-01, renewing. */
export function anAcmeSubscription(overrides: Partial<AcmeSubscription> = {}): AcmeSubscription {
  return {
    id: 'acme_sub_7k2m9q',
    customer: { id: 'acme_cus_41x', name: 'Grace Hopper', email: 'grace@example.com' },
    state: 'live',
    startsOn: '2026-01-01',
    endsOn: '2027-01-01',
    renews: true,
    nextCharge: { on: '2027-01-01', amount: '9.50', currency: 'GBP' },
    revision: 1,
    ...overrides,
  };
}
