import express, { type Router } from 'express';
import type { SandboxStore } from '../store/sandbox.store';
import { notFoundMessage } from './query-params';
import { sendZuoraError } from './zuora-responses';

export function ordersRouter(store: SandboxStore): Router {
  const router = express.Router();
  router.get('/orders/:orderNumber', (req, res) => {
    const order = store.findOrder(req.params.orderNumber);
    if (!order) {
      sendZuoraError(req, res, 40, notFoundMessage(req.params.orderNumber));
      return;
    }
    res.json({ success: true, order });
  });
  return router;
}
