import type { Request } from 'express';
import type { SandboxRequestLogEntry } from './request-log';

/** Zuora answers errors with real HTTP statuses from this minor version on; before it, HTTP 200. */
export const STATUS_CODE_ERRORS_SINCE = '2024-05-20';
/** Object Query errors use `{ reasons, requestId }` from this minor version on. */
export const OBJECT_QUERY_ENVELOPE_SINCE = '2025-08-12';

export interface RequestContext {
  requestId: string;
  /** The `Zuora-Version` header, or the tenant default when absent. */
  zuoraVersion: string;
  /** The request's entry in the request log. */
  logEntry: SandboxRequestLogEntry | null;
}

const contexts = new WeakMap<Request, RequestContext>();

export function setRequestContext(req: Request, context: RequestContext): void {
  contexts.set(req, context);
}

export function requestContext(req: Request): RequestContext {
  return (
    contexts.get(req) ?? {
      requestId: '00000000-0000-0000-0000-000000000000',
      zuoraVersion: '186.0',
      logEntry: null,
    }
  );
}

/** True for date-style versions on or after `since`; legacy versions (`187.0` …) are all older. */
export function isVersionAtLeast(version: string, since: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(version) && version >= since;
}
