// Injection tokens of the ports the gateway reads and writes through.
export const OVERVIEW_QUERY = Symbol('OverviewQuery');
export const SUBSCRIPTION_LIST_QUERY = Symbol('SubscriptionListQuery');
export const SUBSCRIPTION_VIEW_QUERY = Symbol('SubscriptionViewQuery');
export const EVENT_LIST_QUERY = Symbol('EventListQuery');
export const SYNC_EVENT_READS = Symbol('SyncEventReads');
export const DATABASE_PING = Symbol('DatabasePing');
export const ZUORA_MAPPINGS = Symbol('ZuoraMappings');
export const ZUORA_SETTINGS_STORE = Symbol('ZuoraSettingsStore');
export const AUTH_PROVIDERS = Symbol('AuthProviders');
export const BACKFILL_JOBS = Symbol('BackfillJobs');
export const STRIPE_WEBHOOK_EVENTS = Symbol('StripeWebhookEvents');
