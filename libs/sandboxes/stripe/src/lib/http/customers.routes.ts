import express, { type Router } from 'express';
import type { StripeSandboxStore } from '../store/sandbox.store';
import { renderCustomer, renderPaymentMethod, renderSource } from '../views/customer.view';
import { listOf } from '../views/list.view';
import { paginate } from './pagination';
import {
  allowOnly,
  expandParam,
  LIST_PARAMS,
  pageParams,
  requestParams,
  stringParam,
} from './params';
import { sendExpanded } from './respond';
import { invalidRequest, noSuch } from './stripe-errors';

/**
 * `GET /v1/customers/:id`, `GET /v1/customers/:id/payment_methods`,
 * `GET /v1/customers/:id/sources/:id` (a legacy Card or Source), `GET /v1/payment_methods/:id`.
 */
export function customersRouter(store: StripeSandboxStore): Router {
  const router = express.Router();

  router.get('/customers/:id', (req, res) => {
    const params = requestParams(req);
    allowOnly(params, ['expand']);
    const customer = store.findCustomer(req.params.id);
    if (!customer) throw noSuch('customer', req.params.id);
    sendExpanded(res, renderCustomer(customer), expandParam(params), store);
  });

  router.get('/customers/:id/payment_methods', (req, res) => {
    const params = requestParams(req);
    allowOnly(params, [...LIST_PARAMS, 'type', 'allow_redisplay']);
    const customer = store.findCustomer(req.params.id);
    if (!customer) throw noSuch('customer', req.params.id);
    const type = stringParam(params, 'type');
    if (type !== undefined && !/^[a-z_]+$/.test(type)) {
      throw invalidRequest(`Invalid type: ${type}`, { param: 'type' });
    }
    const page = paginate(
      store.paymentMethodsOf(customer.id),
      (pm) => type === undefined || pm.type === type,
      pageParams(params),
      'payment_method',
    );
    sendExpanded(
      res,
      listOf(
        `/v1/customers/${customer.id}/payment_methods`,
        page.data.map(renderPaymentMethod),
        page.hasMore,
      ),
      expandParam(params),
      store,
    );
  });

  router.get('/customers/:customer/sources/:id', (req, res) => {
    const params = requestParams(req);
    allowOnly(params, ['expand']);
    const customer = store.findCustomer(req.params.customer);
    if (!customer) throw noSuch('customer', req.params.customer);
    const source = store.findSource(req.params.id);
    if (!source || source.customer !== customer.id) throw noSuch('source', req.params.id);
    sendExpanded(res, renderSource(source), expandParam(params), store);
  });

  router.get('/payment_methods/:id', (req, res) => {
    const params = requestParams(req);
    allowOnly(params, ['expand']);
    const pm = store.findPaymentMethod(req.params.id);
    if (!pm) throw noSuch('PaymentMethod', req.params.id);
    sendExpanded(res, renderPaymentMethod(pm), expandParam(params), store);
  });

  return router;
}
