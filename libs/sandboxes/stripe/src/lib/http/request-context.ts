import type { Request } from 'express';
import type { SandboxRequestLogEntry } from './request-log';

export interface RequestContext {
  requestId: string;
  /** The request's `Stripe-Version`, or the account's default when it sent none. */
  stripeVersion: string;
  logEntry: SandboxRequestLogEntry | null;
}

const contexts = new WeakMap<Request, RequestContext>();

export function setRequestContext(req: Request, context: RequestContext): void {
  contexts.set(req, context);
}

export function requestContext(req: Request): RequestContext {
  return contexts.get(req) ?? { requestId: 'req_unknown', stripeVersion: '', logEntry: null };
}
