import express, { type Request, type Router } from 'express';
import type { InvoiceRecord } from '../store/sandbox.records';
import type { StripeSandboxStore } from '../store/sandbox.store';
import type { FormObject } from '../util/form';
import { renderInvoice, renderInvoiceLine } from '../views/invoice.view';
import { listOf } from '../views/list.view';
import { previewInvoice } from '../views/upcoming-invoice';
import { paginate } from './pagination';
import { matchesRange } from './range-filter';
import {
  allowOnly,
  expandParam,
  LIST_PARAMS,
  pageParams,
  requestParams,
  stringParam,
} from './params';
import { sendExpanded } from './respond';
import { invalidRequest, noSuch, StripeHttpError, unrecognizedUrl } from './stripe-errors';

const STATUSES = ['draft', 'open', 'paid', 'uncollectible', 'void'];
const PREVIEW_TARGETS =
  'You must provide at least one of: `subscription`, `schedule`, `subscription_details.items`, `schedule_details.phases`, `invoice_items`.';
/** Parameters of `create_preview` the API knows but the sandbox does not model. */
const PREVIEW_UNSUPPORTED = [
  'automatic_tax',
  'currency',
  'customer_account',
  'customer_details',
  'discounts',
  'invoice_items',
  'issuer',
  'on_behalf_of',
  'schedule',
  'schedule_details',
  'subscription_details',
];

function listFilter(
  params: FormObject,
  store: StripeSandboxStore,
): (invoice: InvoiceRecord) => boolean {
  const customer = stringParam(params, 'customer');
  const subscription = stringParam(params, 'subscription');
  const status = stringParam(params, 'status');
  const collectionMethod = stringParam(params, 'collection_method');
  if (status !== undefined && !STATUSES.includes(status)) {
    throw invalidRequest(`Invalid status: must be one of ${STATUSES.join(', ')}`, {
      param: 'status',
    });
  }
  if (customer !== undefined && !store.findCustomer(customer))
    throw noSuch('customer', customer, 'customer', 400);
  if (subscription !== undefined && !store.findSubscription(subscription)) {
    throw noSuch('subscription', subscription, 'subscription', 400);
  }
  return (invoice) =>
    (customer === undefined || invoice.customer === customer) &&
    (subscription === undefined || invoice.subscription === subscription) &&
    (status === undefined || invoice.status === status) &&
    (collectionMethod === undefined || invoice.collection_method === collectionMethod) &&
    matchesRange(invoice.created, params.created, 'created') &&
    (invoice.due_date === null
      ? params.due_date === undefined
      : matchesRange(invoice.due_date, params.due_date, 'due_date'));
}

/** `GET /v1/invoices`, `GET /v1/invoices/:id`, `…/:id/lines`, `POST /v1/invoices/create_preview`. */
export function invoicesRouter(store: StripeSandboxStore): Router {
  const router = express.Router();

  // Removed in 2025-03-31.basil: Stripe no longer knows these URLs.
  router.all(['/invoices/upcoming', '/invoices/upcoming/lines'], (req: Request) => {
    throw unrecognizedUrl(req);
  });

  router.get('/invoices', (req, res) => {
    const params = requestParams(req);
    allowOnly(params, [
      ...LIST_PARAMS,
      'customer',
      'subscription',
      'status',
      'collection_method',
      'created',
      'due_date',
    ]);
    const page = paginate(
      store.listInvoices(),
      listFilter(params, store),
      pageParams(params),
      'invoice',
    );
    sendExpanded(
      res,
      listOf(
        '/v1/invoices',
        page.data.map((inv) => renderInvoice(inv, store)),
        page.hasMore,
      ),
      expandParam(params),
      store,
    );
  });

  router.post('/invoices/create_preview', (req, res) => {
    const params = requestParams(req);
    allowOnly(params, [
      'subscription',
      'customer',
      'expand',
      'preview_mode',
      ...PREVIEW_UNSUPPORTED,
    ]);
    const unsupported = PREVIEW_UNSUPPORTED.find((name) => params[name] !== undefined);
    if (unsupported !== undefined) {
      throw invalidRequest(
        `The Stripe sandbox only previews the next invoice of an existing subscription; '${unsupported}' is not supported.`,
        { param: unsupported },
      );
    }
    const subscriptionId = stringParam(params, 'subscription');
    if (subscriptionId === undefined) throw invalidRequest(PREVIEW_TARGETS);
    const previewMode = stringParam(params, 'preview_mode');
    if (previewMode !== undefined && previewMode !== 'next' && previewMode !== 'recurring') {
      throw invalidRequest(`Invalid preview_mode: must be one of next or recurring`, {
        param: 'preview_mode',
      });
    }
    const sub = store.findSubscription(subscriptionId);
    if (!sub) throw noSuch('subscription', subscriptionId, 'subscription', 400);
    const customer = stringParam(params, 'customer');
    if (customer !== undefined && customer !== sub.customer) {
      throw invalidRequest(
        `The subscription '${sub.id}' does not belong to customer '${customer}'.`,
        {
          param: 'subscription',
        },
      );
    }
    const preview = previewInvoice(sub, store);
    if (!preview) {
      throw new StripeHttpError(404, {
        type: 'invalid_request_error',
        code: 'invoice_upcoming_none',
        message: `No upcoming invoices for customer: ${sub.customer}`,
      });
    }
    sendExpanded(res, renderInvoice(preview, store, { preview: true }), expandParam(params), store);
  });

  router.get('/invoices/:id', (req, res) => {
    const params = requestParams(req);
    allowOnly(params, ['expand']);
    const invoice = store.findInvoice(req.params.id);
    if (!invoice) throw noSuch('invoice', req.params.id);
    sendExpanded(res, renderInvoice(invoice, store), expandParam(params), store);
  });

  router.get('/invoices/:id/lines', (req, res) => {
    const params = requestParams(req);
    allowOnly(params, [...LIST_PARAMS]);
    const invoice = store.findInvoice(req.params.id);
    if (!invoice) throw noSuch('invoice', req.params.id);
    const page = paginate(invoice.lines, () => true, pageParams(params), 'line_item');
    const rendered = page.data.map((line) => renderInvoiceLine(line, invoice, store));
    sendExpanded(
      res,
      listOf(`/v1/invoices/${invoice.id}/lines`, rendered, page.hasMore),
      expandParam(params),
      store,
    );
  });

  return router;
}
