import type {
  ZuoraAccount,
  ZuoraAccountPaymentMethods,
  ZuoraObjectQueryAccount,
  ZuoraOrder,
  ZuoraSubscription,
} from '@subsync/domain';
import {
  resolveOptions,
  type ZuoraCallOptions,
  type ZuoraClientOptions,
} from './zuora-client.options';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { ZuoraApiError } from './zuora-error';
import { ZuoraHttp } from './zuora-http';
import { ZuoraTokenProvider } from './zuora-token.provider';
import {
  accountPaymentMethodsSchema,
  accountSchema,
  objectQueryAccountsSchema,
  objectQuerySubscriptionsSchema,
  orderResponseSchema,
  subscriptionPageSchema,
  subscriptionSchema,
} from './zuora.schemas';

/** Zuora's `charge-detail` parameter. */
export type ZuoraChargeDetail = 'last-segment' | 'current-segment' | 'all-segments';

export interface ZuoraSubscriptionCallOptions extends ZuoraCallOptions {
  /**
   * Default `all-segments`: each charge carries its last segment's fields (as Zuora's default
   * does) plus `chargeSegments` with every segment, so future price changes are visible.
   */
  chargeDetail?: ZuoraChargeDetail;
}

export interface ZuoraListCallOptions extends ZuoraSubscriptionCallOptions {
  /** Rows per page, 1–40 (Zuora's maximum); default 40. */
  pageSize?: number;
}

/** Which subscriptions one page of {@link ZuoraClient.listSubscriptionsPage} lists. */
export interface ZuoraSubscriptionListQuery {
  /** Only those whose `updatedDate` is at or after this instant. */
  updatedSince?: Date;
  /** Only those of these account ids. */
  accountIds?: readonly string[];
  /** `updatedDate` (oldest change first, for a sweep) or `name` (a stable order, for a backfill). */
  order: 'updatedDate' | 'name';
  /** Rows per page, 1–99 (Object Query's maximum); default 99. */
  pageSize?: number;
  /** `nextPage` of the previous page. */
  cursor?: string;
}

/** One page of subscriptions (latest versions), as Object Query names their fields. */
export interface ZuoraSubscriptionListPage {
  subscriptions: {
    id: string;
    number: string;
    accountId: string | null;
    updatedDate: string | null;
  }[];
  /** The cursor of the next page; null on the last. */
  nextPage: string | null;
}

/** Guards against a server whose `nextPage` never ends. */
const MAX_PAGES = 1000;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const segment = (key: string): string => encodeURIComponent(key);

/** Path and query of a `nextPage` link (a full URL on Zuora's host), to request against our base URL. */
function relativeLink(link: string, operation: string): string {
  let url: URL;
  try {
    url = new URL(link, 'http://placeholder');
  } catch {
    url = new URL('http://placeholder/');
  }
  if (!url.pathname.startsWith('/v1/')) {
    throw new ZuoraApiError(
      'UNEXPECTED_RESPONSE',
      `Zuora ${operation} answered with an unusable nextPage '${link}'`,
      {
        retryable: false,
        httpStatus: 200,
        zuoraCode: null,
      },
    );
  }
  return `${url.pathname}${url.search}`;
}

/**
 * subsync's Zuora v1 REST client: reads subscriptions, accounts, payment methods and orders, and
 * finds accounts by a custom field. Works against Zuora and against the bundled sandbox alike.
 * Failures are thrown as {@link ZuoraApiError}.
 */
export class ZuoraClient {
  private readonly http: ZuoraHttp;

  constructor(options: ZuoraClientOptions) {
    const resolved = resolveOptions(options);
    this.http = new ZuoraHttp(resolved, new ZuoraTokenProvider(resolved), {
      v1: options.permits ?? new ConcurrencyLimiter(resolved.maxConcurrency),
      objectQuery:
        options.objectQueryPermits ?? new ConcurrencyLimiter(resolved.objectQueryMaxConcurrency),
    });
  }

  /** The latest version of a subscription, by subscription number or the id of any version. */
  getSubscription(
    key: string,
    options: ZuoraSubscriptionCallOptions = {},
  ): Promise<ZuoraSubscription> {
    const query = new URLSearchParams({ 'charge-detail': options.chargeDetail ?? 'all-segments' });
    return this.http.get(
      'GET /v1/subscriptions/{key}',
      `/v1/subscriptions/${segment(key)}?${query.toString()}`,
      subscriptionSchema,
      options,
    );
  }

  /** An account by number or id, with its basic info (custom fields included) and contacts. */
  getAccount(key: string, options: ZuoraCallOptions = {}): Promise<ZuoraAccount> {
    return this.http.get(
      'GET /v1/accounts/{key}',
      `/v1/accounts/${segment(key)}`,
      accountSchema,
      options,
    );
  }

  /** The latest version of every subscription of an account, most recently updated first (all pages). */
  async listSubscriptionsByAccount(
    accountKey: string,
    options: ZuoraListCallOptions = {},
  ): Promise<ZuoraSubscription[]> {
    const query = new URLSearchParams({
      page: '1',
      pageSize: String(Math.min(Math.max(options.pageSize ?? 40, 1), 40)),
      'charge-detail': options.chargeDetail ?? 'all-segments',
    });
    const operation = `GET /v1/subscriptions/accounts/${accountKey}`;
    const subscriptions: ZuoraSubscription[] = [];
    let next: string | undefined =
      `/v1/subscriptions/accounts/${segment(accountKey)}?${query.toString()}`;
    for (let page = 0; next !== undefined && page < MAX_PAGES; page += 1) {
      const body: { subscriptions: ZuoraSubscription[]; nextPage?: string | null } =
        await this.http.get(
          'GET /v1/subscriptions/accounts/{key}',
          next,
          subscriptionPageSchema,
          options,
        );
      subscriptions.push(...body.subscriptions);
      next = body.nextPage ? relativeLink(body.nextPage, operation) : undefined;
    }
    return subscriptions;
  }

  /** The account's payment methods (all types, flattened) and its default payment method id. */
  getPaymentMethods(
    accountKey: string,
    options: ZuoraCallOptions = {},
  ): Promise<ZuoraAccountPaymentMethods> {
    return this.http.get(
      'GET /v1/accounts/{key}/payment-methods',
      `/v1/accounts/${segment(accountKey)}/payment-methods`,
      accountPaymentMethodsSchema,
      options,
    );
  }

  /** An order with its custom fields (e.g. `Source__c`) and order actions. */
  async getOrder(orderNumber: string, options: ZuoraCallOptions = {}): Promise<ZuoraOrder> {
    const body = await this.http.get(
      'GET /v1/orders/{orderNumber}',
      `/v1/orders/${segment(orderNumber)}`,
      orderResponseSchema,
      options,
    );
    return body.order;
  }

  /**
   * One page of the tenant's subscriptions via Object Query (`GET /object-query/subscriptions`,
   * `cursor` paging). Only latest versions: Zuora marks every older version `Expired`.
   */
  async listSubscriptionsPage(
    list: ZuoraSubscriptionListQuery,
    options: ZuoraCallOptions = {},
  ): Promise<ZuoraSubscriptionListPage> {
    const query = new URLSearchParams();
    query.append('filter[]', 'status.NE:Expired');
    if (list.updatedSince !== undefined)
      query.append('filter[]', `updatedDate.GE:${list.updatedSince.toISOString()}`);
    if (list.accountIds !== undefined && list.accountIds.length > 0)
      query.append('filter[]', `accountId.IN:[${list.accountIds.join(',')}]`);
    query.append('sort[]', `${list.order}.ASC`);
    query.set('pageSize', String(Math.min(Math.max(list.pageSize ?? 99, 1), 99)));
    if (list.cursor !== undefined) query.set('cursor', list.cursor);
    const body = await this.http.get(
      'GET /object-query/subscriptions',
      `/object-query/subscriptions?${query.toString()}`,
      objectQuerySubscriptionsSchema,
      options,
    );
    return {
      subscriptions: body.data.map((row) => ({
        id: row.id,
        number: row.name,
        accountId: row.accountId ?? null,
        updatedDate: row.updatedDate ?? null,
      })),
      nextPage: body.nextPage ?? null,
    };
  }

  /**
   * Accounts whose `field` equals `value`, via Object Query (all pages). The field must be
   * filterable in the tenant (custom fields: "Filterable (Indexed)").
   */
  async findAccountsByField(
    field: string,
    value: string,
    options: ZuoraCallOptions = {},
  ): Promise<ZuoraObjectQueryAccount[]> {
    if (!FIELD_NAME.test(field)) {
      throw new ZuoraApiError('INVALID_REQUEST', `'${field}' is not a valid Zuora field name`, {
        retryable: false,
        httpStatus: null,
        zuoraCode: null,
      });
    }
    const accounts: ZuoraObjectQueryAccount[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query = new URLSearchParams({ 'filter[]': `${field}.EQ:${value}`, pageSize: '99' });
      if (cursor !== undefined) query.set('cursor', cursor);
      const body = await this.http.get(
        'GET /object-query/accounts',
        `/object-query/accounts?${query.toString()}`,
        objectQueryAccountsSchema,
        options,
      );
      accounts.push(...body.data);
      if (!body.nextPage) break;
      cursor = body.nextPage;
    }
    return accounts;
  }
}
