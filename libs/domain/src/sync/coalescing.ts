import type { SyncRequested } from '../messages/message-schemas';

/**
 * Which requests one sync can answer together. Requests for the same subscription (the caller
 * groups them by their ordering key) share a sync when they ask for the same scope of the same
 * provider and carry the same callout context: a callout about the platform's own order is
 * skipped where a plain request is synced, so the two never share an outcome. The notification
 * id and the trigger do not matter: each request keeps its own Event.
 */
export function coalescingSignature(request: SyncRequested): string {
  const { notificationId: _id, ...callout } = request.callout ?? {};
  const context = Object.keys(callout)
    .sort()
    .map((key) => `${key}=${callout[key as keyof typeof callout] ?? ''}`)
    .join('&');
  return `${request.provider}|${request.scope}|${request.callout === undefined ? '-' : context}`;
}

/**
 * Splits requests that waited for one subscription into the syncs that serve them: one per
 * signature, in the order the first request of each arrived, each keeping its requests' order.
 */
export function coalesceRequests<T>(
  items: readonly T[],
  requestOf: (item: T) => SyncRequested,
): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const signature = coalescingSignature(requestOf(item));
    const group = groups.get(signature);
    if (group === undefined) groups.set(signature, [item]);
    else group.push(item);
  }
  return [...groups.values()];
}
