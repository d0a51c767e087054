import type { Request, Response } from 'express';
import {
  type AnsweredFault,
  type DelayFault,
  FaultInjector,
  type FaultMatch,
  type QueuedFault,
} from '@subsync/sandbox-kit';
import { requestContext } from './request-context';
import type { TokenRegistry } from './token-registry';
import {
  type ErrorCategory,
  sendLimitExceeded,
  sendServerFailure,
  sendZuoraError,
} from './zuora-responses';

/**
 * What `POST /sandbox/faults` (and `sandbox.injectFault`) accepts. Without `pathPrefix` a fault
 * matches every Zuora endpoint, `/oauth/token` included.
 */
export type FaultSpec =
  | (FaultMatch & { type: 'rate-limit'; retryAfterSeconds?: number })
  | (FaultMatch & { type: 'server-error'; status?: 500 | 502 | 503 | 504 })
  | DelayFault
  | (FaultMatch & { type: 'zuora-error'; category: ErrorCategory; message?: string })
  | { type: 'expire-tokens' };

/** The faults that wait in the queue; `expire-tokens` acts at once instead. */
export type QueuedFaultSpec = Exclude<FaultSpec, { type: 'expire-tokens' }>;

export type ActiveFault = QueuedFault<QueuedFaultSpec>;

export function zuoraFaultInjector(): FaultInjector<QueuedFaultSpec> {
  return new FaultInjector<QueuedFaultSpec>({
    answer: answerFault,
    logEntry: (req) => requestContext(req).logEntry,
  });
}

/**
 * Queues a fault for the next matching requests. `expire-tokens` acts at once (every token
 * issued so far stops working) and queues nothing; it returns null.
 */
export function injectFault(
  faults: FaultInjector<QueuedFaultSpec>,
  tokens: TokenRegistry,
  spec: FaultSpec,
): ActiveFault | null {
  if (spec.type === 'expire-tokens') {
    tokens.expireAll();
    return null;
  }
  return faults.inject(spec);
}

function answerFault(fault: AnsweredFault<QueuedFaultSpec>, req: Request, res: Response): void {
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
  }
}
