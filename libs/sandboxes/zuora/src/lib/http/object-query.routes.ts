import express, { type Request, type Response, type Router } from 'express';
import type { AccountRecord, SubscriptionVersionRecord } from '../store/sandbox.records';
import type { SandboxStore } from '../store/sandbox.store';
import {
  queryAccount,
  queryContact,
  queryPaymentMethod,
  querySubscription,
  type QueryRecord,
} from '../views/object-query.view';
import {
  compareRecords,
  matches,
  parseFilter,
  parseSort,
  type Filter,
  type Sort,
} from './object-query.filters';
import { notFoundMessage, queryValue, queryValues } from './query-params';
import { sendZuoraError } from './zuora-responses';

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 99;
const EXPANDABLE = ['billto', 'soldto', 'defaultpaymentmethod', 'subscriptions'] as const;
type Expand = (typeof EXPANDABLE)[number];

interface AccountQuery {
  filters: Filter[];
  sorts: Sort[];
  fields: string[] | null;
  expand: Expand[];
  includeNullFields: boolean;
  pageSize: number;
  offset: number;
}

class QueryError extends Error {}

/** The object a query lists, and its standard fields. */
interface QueriedObject {
  name: 'account' | 'subscription';
  fields: ReadonlySet<string>;
  expandable: readonly string[];
}

const ACCOUNT: QueriedObject = {
  name: 'account',
  fields: new Set(Object.keys(queryAccount(placeholderAccount()))),
  expandable: EXPANDABLE,
};

const SUBSCRIPTION: QueriedObject = {
  name: 'subscription',
  fields: new Set(Object.keys(querySubscription(placeholderSubscription()))),
  expandable: [],
};

/** Custom fields (`Name__c`) depend on the tenant, so any is accepted; standard ones must exist. */
function checkField(field: string, what: string, object: QueriedObject): void {
  if (!object.fields.has(field) && !/__(c|NS)$/.test(field)) {
    throw new QueryError(`Invalid ${what} field '${field}' for object ${object.name}.`);
  }
}

function listParam(req: Request, ...names: string[]): string[] {
  return names.flatMap((name) => queryValues(req, name)).flatMap((value) => value.split(','));
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) throw new QueryError(`Invalid cursor '${cursor}'.`);
  return Number(match[1]);
}

function parseQuery(req: Request, object: QueriedObject): AccountQuery {
  const filters = queryValues(req, 'filter[]').map((raw) => {
    const filter = parseFilter(raw);
    if (!filter) throw new QueryError(`Invalid filter '${raw}': expected field.OPERATOR:value.`);
    checkField(filter.field, 'filter', object);
    return filter;
  });
  const sorts = queryValues(req, 'sort[]').map((raw) => {
    const sort = parseSort(raw);
    if (!sort) throw new QueryError(`Invalid sort '${raw}': expected field.ASC or field.DESC.`);
    checkField(sort.field, 'sort', object);
    return sort;
  });
  const fieldList = listParam(req, 'fields[]', `${object.name}.fields[]`).map((f) => f.trim());
  fieldList.forEach((f) => checkField(f, 'select', object));
  const expand = listParam(req, 'expand[]').map((raw) => {
    const name = raw.trim().toLowerCase();
    if (!object.expandable.includes(name)) throw new QueryError(`Invalid expand '${raw}'.`);
    return name as Expand;
  });
  const rawPageSize = queryValue(req, 'pageSize');
  const pageSize = rawPageSize === undefined ? DEFAULT_PAGE_SIZE : Number(rawPageSize);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new QueryError(
      `Invalid pageSize '${rawPageSize}': it must be between 1 and ${MAX_PAGE_SIZE}.`,
    );
  }
  const cursor = queryValue(req, 'cursor');
  return {
    filters,
    sorts,
    fields: fieldList.length > 0 ? fieldList : null,
    expand,
    includeNullFields: queryValue(req, 'includeNullFields') === 'true',
    pageSize,
    offset: cursor === undefined ? 0 : decodeCursor(cursor),
  };
}

function withoutNulls(record: QueryRecord): QueryRecord {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null));
}

export function objectQueryRouter(store: SandboxStore): Router {
  const router = express.Router();

  const present = (account: AccountRecord, query: AccountQuery): QueryRecord => {
    const full = queryAccount(account);
    const tidy = (record: QueryRecord): QueryRecord =>
      query.includeNullFields ? record : withoutNulls(record);
    const selected = query.fields
      ? Object.fromEntries(query.fields.map((f) => [f, full[f] ?? null]))
      : full;
    const result: QueryRecord = tidy(selected);
    const id = account.basicInfo.id;
    for (const expand of query.expand) {
      if (expand === 'billto')
        result.billTo = account.billToContact
          ? tidy(queryContact(account.billToContact, id))
          : null;
      if (expand === 'soldto')
        result.soldTo = account.soldToContact
          ? tidy(queryContact(account.soldToContact, id))
          : null;
      if (expand === 'subscriptions') {
        result.subscriptions = store
          .subscriptionsForAccount(id)
          .slice(0, query.pageSize)
          .map((sub) => tidy(querySubscription(sub)));
      }
      if (expand === 'defaultpaymentmethod') {
        const pmId = account.billingAndPayment.defaultPaymentMethodId;
        const pm = pmId === null ? undefined : store.findPaymentMethod(pmId);
        result.defaultPaymentMethod = pm ? tidy(queryPaymentMethod(pm)) : null;
      }
    }
    return result;
  };

  const run = (
    req: Request,
    res: Response,
    answer: (query: AccountQuery) => void,
    object: QueriedObject = ACCOUNT,
  ): void => {
    let query: AccountQuery;
    try {
      query = parseQuery(req, object);
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      sendZuoraError(req, res, 27, error.message);
      return;
    }
    answer(query);
  };

  router.get('/accounts', (req, res) => {
    run(req, res, (query) => {
      const found = store
        .listAccounts()
        .filter((account) =>
          query.filters.every((filter) => matches(queryAccount(account), filter)),
        )
        .sort((a, b) => compareRecords(queryAccount(a), queryAccount(b), query.sorts));
      const page = found.slice(query.offset, query.offset + query.pageSize);
      const next = query.offset + query.pageSize;
      res.json({
        data: page.map((account) => present(account, query)),
        ...(next < found.length ? { nextPage: encodeCursor(next) } : {}),
      });
    });
  });

  // Every version is a row of its own; Zuora marks each version but the latest `Expired`.
  router.get('/subscriptions', (req, res) => {
    run(
      req,
      res,
      (query) => {
        const found = store
          .allSubscriptionVersions()
          .map((sub) => {
            const record = querySubscription(sub);
            const latest = store.latestSubscription(sub.subscriptionNumber);
            return latest?.id === sub.id ? record : { ...record, status: 'Expired' };
          })
          .filter((record) => query.filters.every((filter) => matches(record, filter)))
          .sort((a, b) => compareRecords(a, b, query.sorts));
        const page = found.slice(query.offset, query.offset + query.pageSize);
        const next = query.offset + query.pageSize;
        const tidy = (record: QueryRecord): QueryRecord =>
          query.includeNullFields ? record : withoutNulls(record);
        res.json({
          data: page.map((record) =>
            tidy(
              query.fields
                ? Object.fromEntries(query.fields.map((f) => [f, record[f] ?? null]))
                : record,
            ),
          ),
          ...(next < found.length ? { nextPage: encodeCursor(next) } : {}),
        });
      },
      SUBSCRIPTION,
    );
  });

  router.get('/accounts/:key', (req, res) => {
    run(req, res, (query) => {
      const account = store.findAccount(req.params.key);
      if (!account) {
        sendZuoraError(req, res, 40, notFoundMessage(req.params.key));
        return;
      }
      res.json(present(account, query));
    });
  });

  return router;
}

function placeholderAccount(): AccountRecord {
  return {
    basicInfo: {
      id: '',
      accountNumber: '',
      name: '',
      status: '',
      crmId: null,
      batch: '',
      notes: null,
      salesRep: null,
      parentId: null,
    },
    billingAndPayment: {
      billCycleDay: 1,
      currency: '',
      paymentTerm: '',
      paymentGateway: null,
      autoPay: false,
      defaultPaymentMethodId: null,
      invoiceDeliveryPrefsEmail: false,
      invoiceDeliveryPrefsPrint: false,
      additionalEmailAddresses: [],
    },
    billToContact: null,
    soldToContact: null,
    createdDate: '',
    updatedDate: '',
  };
}

/** Only its field names are read (the view names every field whatever the values). */
function placeholderSubscription(): SubscriptionVersionRecord {
  return { status: '', ratePlans: [] } as unknown as SubscriptionVersionRecord;
}
