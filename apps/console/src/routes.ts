// Every console URL, in one place. The gateway serves the app under /console (Vite's `base`).
export const BASE = '/console';

export const paths = {
  overview: `${BASE}/overview`,
  events: `${BASE}/events`,
  event: (id: string) => `${BASE}/events/${encodeURIComponent(id)}`,
  subscriptions: `${BASE}/subscriptions`,
  subscription: (id: string) => `${BASE}/subscriptions/${encodeURIComponent(id)}`,
  eventsForSubscription: (id: string) => `${BASE}/events?subscription=${encodeURIComponent(id)}`,
  backfills: `${BASE}/backfills`,
  backfill: (id: string) => `${BASE}/backfills/${encodeURIComponent(id)}`,
  settings: `${BASE}/settings`,
};
