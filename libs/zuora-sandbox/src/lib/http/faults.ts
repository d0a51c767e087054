import type { RequestHandler } from 'express';
import { requestContext } from './request-context';
import type { TokenRegistry } from './token-registry';
import {
  type ErrorCategory,
  sendLimitExceeded,
  sendServerFailure,
  sendZuoraError,
} from './zuora-responses';

interface FaultMatch {
  /** How many matching requests the fault answers (default 1). */
  count?: number;
  /** Only requests whose path starts with this (e.g. `/v1/subscriptions`); default: every Zuora endpoint. */
  pathPrefix?: string;
  /** Only requests with this HTTP method. */
  method?: string;
}

/** What `POST /sandbox/faults` (and `sandbox.faults.inject`) accepts. */
export type FaultSpec =
  | (FaultMatch & { type: 'rate-limit'; retryAfterSeconds?: number })
  | (FaultMatch & { type: 'server-error'; status?: 500 | 502 | 503 | 504 })
  | (FaultMatch & { type: 'delay'; delayMs: number })
  | (FaultMatch & { type: 'zuora-error'; category: ErrorCategory; message?: string })
  | { type: 'expire-tokens' };

export type ActiveFault = Exclude<FaultSpec, { type: 'expire-tokens' }> & {
  id: number;
  remaining: number;
};

export class FaultInjector {
  private faults: ActiveFault[] = [];
  private nextId = 1;
  private timers = new Set<NodeJS.Timeout>();

  constructor(private readonly tokens: TokenRegistry) {}

  /**
   * Queues a fault for the next matching requests. `expire-tokens` acts at once (every token
   * issued so far stops working) and queues nothing; it returns null.
   */
  inject(spec: FaultSpec): ActiveFault | null {
    if (spec.type === 'expire-tokens') {
      this.tokens.expireAll();
      return null;
    }
    const fault: ActiveFault = { ...spec, id: this.nextId++, remaining: spec.count ?? 1 };
    this.faults.push(fault);
    return { ...fault };
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Cancels pending delays (on shutdown). */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private take(method: string, path: string): ActiveFault | undefined {
    const fault = this.faults.find(
      (f) =>
        (f.pathPrefix === undefined || path.startsWith(f.pathPrefix)) &&
        (f.method === undefined || f.method.toUpperCase() === method),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      const fault = this.take(req.method, req.path);
      if (!fault) {
        next();
        return;
      }
      const entry = requestContext(req).logEntry;
      if (entry) entry.fault = fault.type;
      switch (fault.type) {
        case 'rate-limit':
          sendLimitExceeded(
            res,
            fault.retryAfterSeconds ?? 1,
            'Too many requests. Please retry later.',
          );
          return;
        case 'server-error':
          sendServerFailure(res, fault.status ?? 500);
          return;
        case 'zuora-error':
          sendZuoraError(
            req,
            res,
            fault.category,
            fault.message ?? `Injected error of category ${fault.category}.`,
          );
          return;
        case 'delay': {
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            // The caller may have given up (timed out) meanwhile; then there is nobody to answer.
            if (!res.destroyed) next();
          }, fault.delayMs);
          this.timers.add(timer);
          return;
        }
      }
    };
  }
}
