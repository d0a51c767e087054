// The gateway's HTTP contract as the console reads it (../shared/CONTRACTS.md §3). The console
// is a browser app and imports no @subsync/* lib, so it keeps its own copy of these shapes.

export const EVENT_TYPES = ['sync', 'hot-sync', 'callout'] as const;
export const EVENT_STATUSES = ['queued', 'succeeded', 'failed', 'skipped'] as const;
export const PROVIDERS = ['zuora', 'stripe'] as const;

export type EventType = (typeof EVENT_TYPES)[number];
export type EventStatus = (typeof EVENT_STATUSES)[number];
export type Provider = (typeof PROVIDERS)[number];
export type Trigger = 'api' | 'callout' | 'ui' | 'hot-sync' | 'upstream' | 'backfill' | 'reconcile';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface EventSummary {
  id: string;
  type: EventType;
  provider: Provider | null;
  ref: string;
  trigger: Trigger;
  status: EventStatus;
  subscriptionId: string | null;
  reason: string | null;
  changes: FieldChange[];
  createdAt: string;
  completedAt: string | null;
  replayOf: string | null;
  /** Another request's sync answered this one: the Event that did the work. */
  coalescedInto: string | null;
}

export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  consumerGroup: string | null;
  attempts: number | null;
  exceptionClass: string | null;
  error: string | null;
  failedAt: string | null;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

export interface EventDetail extends EventSummary {
  ownerId: string | null;
  correlationId: string | null;
  error: { code: string; message: string } | null;
  durationMs: number | null;
  request: { topic: string; data: Record<string, unknown> } | null;
  deadLetter: DeadLetter | null;
  replays: { id: string; status: EventStatus; createdAt: string }[];
  replayable: { ok: boolean; reason: string | null };
}

export interface ReplayAccepted {
  eventId: string;
  status: 'queued';
  replayOf: string;
}

export type SubscriptionStatus = 'active' | 'cancelled' | 'suspended' | 'expired' | 'pending';

export interface SubscriptionSummary {
  id: string;
  reference: string;
  status: SubscriptionStatus;
  source: Provider;
  termStart: string;
  termEnd: string | null;
  customer: { name: string; email: string } | null;
  lastSyncedAt: string | null;
}

export interface Address {
  type: 'billing' | 'shipping';
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface ScheduleEntry {
  id: string;
  date: string;
  amount: string;
  currency: string;
  status: 'pending' | 'paid' | 'cancelled';
  description: string | null;
}

export interface PaymentMethod {
  brand: string;
  /** Null for a gateway-tokenised card whose digits the billing system does not give. */
  last4: string | null;
  expMonth: number;
  expYear: number;
  default: boolean;
}

export interface Subscription {
  id: string;
  reference: string;
  status: SubscriptionStatus;
  source: Provider;
  termStart: string;
  termEnd: string | null;
  autoRenew: boolean;
  owner: string | null;
  customer: {
    id: string;
    name: string;
    email: string;
    identities: { service: string; id: string }[];
  } | null;
  addresses: Address[];
  schedule: ScheduleEntry[];
  paymentMethods: PaymentMethod[];
  offers: { name: string; start: string; end: string | null }[];
  external: {
    zuora: { subscriptionNumber: string; accountNumber: string } | null;
    stripe: { subscriptionId: string; customerId: string } | null;
  };
  lastSyncedAt: string | null;
}

/** What a sync request ended as, with the Event it left (`X-Event-Id`). */
export type SyncResult =
  | { outcome: 'succeeded'; eventId: string | null; subscriptionId: string | null }
  | { outcome: 'skipped'; eventId: string | null; reason: string | null }
  | { outcome: 'queued'; eventId: string | null }
  | { outcome: 'failed'; eventId: string | null; message: string };

/** What the gateway allows a token (`GET /api/session`); a higher role lists the lower ones too. */
export type Role = 'read' | 'operate' | 'administer';

export interface Session {
  subject: string;
  roles: Role[];
  expiresAt: string | null;
}

export interface ZuoraSettings {
  hotSyncEnabled: boolean;
}

export interface IdentityClaim {
  claim: string;
  service: string;
  issuer: string;
  type: string;
  accountLookup: boolean;
  accountLookupField: string | null;
}

export interface AuthProvider {
  providerId: string;
  issuer: string;
  jwksUrl: string | null;
  /** `"********"` when the provider verifies with a stored HS256 secret. */
  secret: string | null;
  audience: string | null;
  identityClaims: IdentityClaim[];
  updatedAt: string;
}

export interface AuthProviderBody {
  issuer: string;
  jwksUrl?: string;
  secret?: string;
  audience: string | null;
  identityClaims: IdentityClaim[];
}

/** `GET /api/overview`: per-slot series from every service's stored metric samples. */
export interface Overview {
  from: string;
  to: string;
  stepSeconds: number;
  /** Slot starts, epoch seconds. */
  times: number[];
  syncsPerMinute: { succeeded: number[]; failed: number[]; skipped: number[] };
  coalescedPerMinute: number[];
  deadLettersPerMinute: number[];
  upstream: {
    requestsPerMinute: number[];
    rateLimitedPerMinute: number[];
    meanMs: (number | null)[];
    p95Ms: (number | null)[];
  };
  consumerLag: (number | null)[];
  outboxBacklog: (number | null)[];
  outboxOldestAgeSeconds: (number | null)[];
  totals: {
    succeeded: number;
    failed: number;
    skipped: number;
    coalesced: number;
    deadLetters: number;
    upstreamRequests: number;
    rateLimited: number;
  };
  reporting: { service: string; processes: number; lastSampleAt: string }[];
}

export const BACKFILL_STATUSES = ['running', 'paused', 'cancelled', 'completed', 'failed'] as const;
export type BackfillStatus = (typeof BACKFILL_STATUSES)[number];

/** `GET /api/backfills/{id}`: a job's state, counts, throughput and time left. */
export interface BackfillJob {
  id: string;
  provider: Provider;
  filter: Record<string, unknown>;
  status: BackfillStatus;
  /** False while the upstream is still being listed. */
  listingDone: boolean;
  counts: { listed: number; queued: number; succeeded: number; failed: number; skipped: number };
  /** Queued syncs not finished yet. */
  pending: number;
  throughputPerSecond: number;
  estimatedSecondsLeft: number | null;
  error: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
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
