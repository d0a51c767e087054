import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { FaultQueue, QueueableFault, QueuedFault } from '../faults/fault-queue';
import { SandboxInputError } from '../input/sandbox-input.error';
import type { RequestLog, RequestLogEntry } from '../requests/request-log';
import { clientErrorStatus } from './client-error-status';

export interface SandboxAdminOptions<
  S extends { type: string },
  Q extends QueueableFault,
  E extends RequestLogEntry,
> {
  /** The sandbox's own admin routes (reset, data), registered before the shared ones. */
  routes: (router: Router) => void;
  faults: FaultQueue<Q>;
  /** Validates a `POST /faults` body; throws a SandboxInputError when it is invalid. */
  parseFault: (body: unknown) => S;
  /** Queues the fault, or acts at once and returns null when the fault queues nothing. */
  injectFault: (spec: S) => QueuedFault<Q> | null;
  log: RequestLog<E>;
  /** Reads a `GET /requests` filter from the query string; default: a single value, else none. */
  queryParam?: (req: Request, name: string) => string | undefined;
}

function singleQueryParam(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The admin API under `/sandbox`: the sandbox's own routes, then faults and the request log,
 * which work alike in every sandbox. Errors are answered `{ message }`, not in the upstream
 * API's envelope: the admin API is the sandbox's own.
 */
export function sandboxAdminRouter<
  S extends { type: string },
  Q extends QueueableFault,
  E extends RequestLogEntry,
>(options: SandboxAdminOptions<S, Q, E>): Router {
  const { faults, log } = options;
  const queryParam = options.queryParam ?? singleQueryParam;
  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));
  options.routes(router);

  router.get('/faults', (_req, res) => {
    res.json({ faults: faults.list() });
  });

  router.post('/faults', (req, res) => {
    const spec = options.parseFault(req.body);
    const fault = options.injectFault(spec);
    res.status(fault ? 201 : 200).json(fault ?? { type: spec.type, applied: true });
  });

  router.delete('/faults', (_req, res) => {
    faults.clear();
    res.status(204).end();
  });

  router.get('/requests', (req, res) => {
    const pathPrefix = queryParam(req, 'pathPrefix');
    const method = queryParam(req, 'method');
    res.json({
      requests: log.list({ ...(pathPrefix ? { pathPrefix } : {}), ...(method ? { method } : {}) }),
    });
  });

  router.delete('/requests', (_req, res) => {
    log.clear();
    res.status(204).end();
  });

  router.use((req, res) => {
    res
      .status(404)
      .json({ message: `no sandbox admin route for ${req.method} ${req.originalUrl}` });
  });

  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof SandboxInputError) {
      res.status(error.status).json({ message: error.message });
      return;
    }
    const status = clientErrorStatus(error);
    if (status !== undefined) {
      res.status(status).json({ message: error instanceof Error ? error.message : 'bad request' });
      return;
    }
    res.status(500).json({ message: error instanceof Error ? error.message : 'internal error' });
  });

  return router;
}
