import express, { type Router } from 'express';
import type { SandboxStore } from '../store/sandbox.store';
import {
  renderAccount,
  renderAccountPaymentMethods,
  renderPaymentMethod,
} from '../views/account.view';
import { notFoundMessage, queryValue } from './query-params';
import { sendZuoraError } from './zuora-responses';

export function accountsRouter(store: SandboxStore): Router {
  const router = express.Router();

  router.get('/accounts/:key', (req, res) => {
    const account = store.findAccount(req.params.key);
    if (!account) {
      sendZuoraError(req, res, 40, notFoundMessage(req.params.key));
      return;
    }
    res.json(renderAccount(account));
  });

  router.get('/accounts/:key/payment-methods', (req, res) => {
    const account = store.findAccount(req.params.key);
    if (!account) {
      sendZuoraError(req, res, 40, notFoundMessage(req.params.key));
      return;
    }
    const defaultOnly = queryValue(req, 'isDefaultOnly') === 'true';
    const activeOnly = queryValue(req, 'isActiveOnly') === 'true';
    const methods = store
      .paymentMethodsForAccount(account.basicInfo.id)
      .filter((pm) => (!defaultOnly || pm.isDefault) && (!activeOnly || pm.status === 'Active'));
    res.json(renderAccountPaymentMethods(account, methods));
  });

  router.get('/accounts/:key/payment-methods/default', (req, res) => {
    const account = store.findAccount(req.params.key);
    if (!account) {
      sendZuoraError(req, res, 40, notFoundMessage(req.params.key));
      return;
    }
    const id = account.billingAndPayment.defaultPaymentMethodId;
    const pm = id === null ? undefined : store.findPaymentMethod(id);
    if (!pm) {
      sendZuoraError(
        req,
        res,
        40,
        `Account ${account.basicInfo.accountNumber} has no default payment method.`,
      );
      return;
    }
    res.json(renderPaymentMethod(pm));
  });

  router.get('/payment-methods/:id', (req, res) => {
    const pm = store.findPaymentMethod(req.params.id);
    if (!pm) {
      sendZuoraError(req, res, 40, notFoundMessage(req.params.id));
      return;
    }
    res.json(renderPaymentMethod(pm));
  });

  return router;
}
