import type { Request } from 'express';

/** One request the sandbox received (admin calls under `/sandbox` are not logged). */
export interface SandboxRequestLogEntry {
  /** 1, 2, 3 … in arrival order. */
  seq: number;
  requestId: string;
  /** ISO timestamp of arrival, wall-clock time (not the sandbox clock), so timing can be asserted. */
  at: string;
  method: string;
  path: string;
  /** The raw query string without `?`, or '' when there is none. */
  query: string;
  /** The raw form body of a POST (at most 2,000 characters), else null. */
  body: string | null;
  /** The HTTP status answered; null while in progress or if the caller gave up. */
  status: number | null;
  durationMs: number | null;
  /** The `Stripe-Version` header as sent (null when absent). */
  stripeVersion: string | null;
  idempotencyKey: string | null;
  /** Which kind of `Authorization` header was sent. */
  authorization: 'bearer' | 'basic' | 'other' | 'none';
  /** The injected fault that answered or delayed this request, if any. */
  fault: string | null;
}

export interface RequestLogFilter {
  pathPrefix?: string;
  method?: string;
}

export class RequestLog {
  private entries: SandboxRequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly limit: number) {}

  start(req: Request, requestId: string): SandboxRequestLogEntry {
    const queryAt = req.originalUrl.indexOf('?');
    const authorization = req.get('Authorization');
    this.seq += 1;
    const entry: SandboxRequestLogEntry = {
      seq: this.seq,
      requestId,
      at: new Date().toISOString(),
      method: req.method,
      path: req.path,
      query: queryAt === -1 ? '' : req.originalUrl.slice(queryAt + 1),
      body: null,
      status: null,
      durationMs: null,
      stripeVersion: req.get('Stripe-Version') ?? null,
      idempotencyKey: req.get('Idempotency-Key') ?? null,
      authorization:
        authorization === undefined
          ? 'none'
          : /^bearer /i.test(authorization)
            ? 'bearer'
            : /^basic /i.test(authorization)
              ? 'basic'
              : 'other',
      fault: null,
    };
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return entry;
  }

  list(filter: RequestLogFilter = {}): SandboxRequestLogEntry[] {
    return this.entries
      .filter((e) => filter.pathPrefix === undefined || e.path.startsWith(filter.pathPrefix))
      .filter((e) => filter.method === undefined || e.method === filter.method.toUpperCase())
      .map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
  }
}
