import type { ZuoraOrder } from '../zuora.types';
import type { CalloutParameters } from './callout-parameters';

/**
 * The order sources the platform itself writes (Limio's `order.initiated_source`). Matched
 * case-insensitively, on the callout's `Source` and on the order's `Source__c` and
 * `InitiatedSource__c`. Only these values count: a tenant may use those custom fields for other
 * origins too, and a needless sync costs less than a missed one.
 */
export const PLATFORM_ORDER_SOURCES: readonly string[] = ['shop', 'salesforce'];

/** Order custom fields the platform fills in when it places an order in Zuora. */
export const PLATFORM_SOURCE_FIELDS = ['Source__c', 'InitiatedSource__c'] as const;

export interface CalloutOriginInput {
  callout: CalloutParameters;
  /** The Zuora order named by `callout.orderNumber`: undefined while it has not been fetched. */
  order?: ZuoraOrder;
  /** Zuora user ids the platform places orders with (`ZUORA_INTEGRATION_USER_IDS`). */
  integrationUserIds: readonly string[];
}

export type CalloutOrigin =
  /** The platform started the change: syncing it back would echo the platform's own write. */
  | { kind: 'platform'; reason: string }
  /** Someone else changed the subscription in Zuora: sync it. */
  | { kind: 'external' }
  /** The parameters do not settle it: fetch this order and decide again with it. */
  | { kind: 'lookup-order'; orderNumber: string };

/**
 * Decides whether a callout reports a change the platform made itself. The callout's own
 * parameters are checked first, so no Zuora call is needed when they settle it; otherwise the
 * order (when the callout names one) is asked for and checked.
 */
export function decideCalloutOrigin(input: CalloutOriginInput): CalloutOrigin {
  const { callout, order } = input;
  const subject =
    callout.orderNumber === undefined ? 'this change' : `order ${callout.orderNumber}`;
  const isIntegrationUser = integrationUserMatcher(input.integrationUserIds);

  if (isPlatformSource(callout.source)) {
    return platform(
      `${subject} was started by the platform (Source = ${callout.source?.trim() ?? ''})`,
    );
  }
  if (isIntegrationUser(callout.createdById)) {
    return platform(
      `${subject} was created by the platform's integration user ${callout.createdById?.trim() ?? ''} (CreatedById)`,
    );
  }
  if (callout.orderNumber === undefined) return { kind: 'external' };
  if (order === undefined) return { kind: 'lookup-order', orderNumber: callout.orderNumber };

  for (const field of PLATFORM_SOURCE_FIELDS) {
    const value = order.customFields[field];
    if (typeof value === 'string' && isPlatformSource(value)) {
      return platform(`${subject} was started by the platform (${field} = ${value.trim()})`);
    }
  }
  if (isIntegrationUser(order.createdBy ?? undefined)) {
    return platform(
      `${subject} was created by the platform's integration user ${order.createdBy ?? ''}`,
    );
  }
  return { kind: 'external' };
}

function platform(reason: string): CalloutOrigin {
  return { kind: 'platform', reason };
}

function isPlatformSource(value: string | undefined): boolean {
  return value !== undefined && PLATFORM_ORDER_SOURCES.includes(value.trim().toLowerCase());
}

/** Zuora ids are hexadecimal; compare them without regard to case or stray spaces. */
function integrationUserMatcher(ids: readonly string[]): (userId: string | undefined) => boolean {
  const known = new Set(ids.map((id) => id.trim().toLowerCase()).filter((id) => id !== ''));
  return (userId) => userId !== undefined && known.has(userId.trim().toLowerCase());
}
