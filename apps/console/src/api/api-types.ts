// The gateway's HTTP contract as the console reads it (../shared/CONTRACTS.md §3). The answers'
// shapes are generated from the gateway's OpenAPI document (api-types.generated.ts, written by
// `npm run build`), so a view the gateway changes breaks this type check instead of drifting.
import type { components } from './api-types.generated';

type Views = components['schemas'];

export type EventSummary = Views['EventView'];
export type EventDetail = Views['EventDetailView'];
export type EventPage = Views['EventPage'];
export type ReplayAccepted = Views['ReplayAnswer'];
/** A page of any list, as the gateway pages its lists (`nextCursor` null on the last). */
export type Page<T> = Omit<EventPage, 'data'> & { data: T[] };
export type FieldChange = EventSummary['changes'][number];
export type DeadLetter = NonNullable<EventDetail['deadLetter']>;
export type EventType = EventSummary['type'];
export type EventStatus = EventSummary['status'];
export type Provider = Views['SubscriptionView']['source'];
/** `GET /api/providers`: each billing system, its name and the shape of its subscription ids. */
export type ProviderInfo = Views['ProviderView'];
export type ProviderList = Views['ProviderList'];

export type Subscription = Views['SubscriptionView'];
export type SubscriptionSummary = Views['SubscriptionSummaryView'];
export type SubscriptionPage = Views['SubscriptionPage'];
export type Address = Subscription['addresses'][number];

export type BackfillJob = Views['BackfillView'];
export type BackfillList = Views['BackfillList'];
export type BackfillStatus = BackfillJob['status'];

export type Session = Views['SessionView'];
/** What the gateway allows a token (`GET /api/session`); a higher role lists the lower ones too. */
export type Role = Session['roles'][number];

export type ZuoraSettings = Views['ZuoraSettings'];
export type AuthProvider = Views['AuthProviderView'];
export type AuthProviderList = Views['AuthProviderList'];
export type IdentityClaim = AuthProvider['identityClaims'][number];

/** `GET /api/overview`: per-slot series from every service's stored metric samples. */
export type Overview = Views['OverviewView'];

/**
 * A list of every member of the union `T`, checked at compile time: a value the gateway adds or
 * drops makes the list fail to type-check, so the console's selects offer what the API has.
 */
function everyOf<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)) =>
    list;
}

export const EVENT_TYPES = everyOf<EventType>()(['sync', 'hot-sync', 'callout']);
export const EVENT_STATUSES = everyOf<EventStatus>()(['queued', 'succeeded', 'failed', 'skipped']);
export const PROVIDERS = everyOf<Provider>()(['zuora', 'stripe']);
export const BACKFILL_STATUSES = everyOf<BackfillStatus>()([
  'running',
  'paused',
  'cancelled',
  'completed',
  'failed',
]);

// What the console sends and derives itself; the gateway publishes no schema for these.

/** What a sync request ended as, with the Event it left (`X-Event-Id`). */
export type SyncResult =
  | { outcome: 'succeeded'; eventId: string | null; subscriptionId: string | null }
  | { outcome: 'skipped'; eventId: string | null; reason: string | null }
  | { outcome: 'queued'; eventId: string | null }
  | { outcome: 'failed'; eventId: string | null; message: string };

export interface AuthProviderBody {
  issuer: string;
  jwksUrl?: string;
  secret?: string;
  audience: string | null;
  identityClaims: IdentityClaim[];
}

/** `POST /api/backfills`: a provider and the filter fields the gateway knows for it. */
export interface BackfillRequest {
  provider: Provider;
  filter: {
    updatedSince?: string;
    accounts?: string[];
    createdFrom?: string;
    createdTo?: string;
    customers?: string[];
  };
}
