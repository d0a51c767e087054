import type { Request } from 'express';

/** One request the sandbox received (admin calls under `/sandbox` are not logged). */
export interface SandboxRequestLogEntry {
  /** 1, 2, 3 … in arrival order. */
  seq: number;
  requestId: string;
  /** ISO timestamp of arrival. */
  at: string;
  method: string;
  path: string;
  /** The raw query string without `?`, or '' when there is none. */
  query: string;
  /** The HTTP status answered; null while the request is still in progress or if it was aborted. */
  status: number | null;
  durationMs: number | null;
  /** The `Zuora-Version` header as sent (null when absent). */
  zuoraVersion: string | null;
  /** The `Zuora-Track-Id` header as sent (null when absent). */
  trackId: string | null;
  /** Which kind of `Authorization` header was sent. */
  authorization: 'bearer' | 'other' | 'none';
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

  constructor(
    private readonly limit: number,
    private readonly clock: () => Date,
  ) {}

  start(req: Request, requestId: string): SandboxRequestLogEntry {
    const queryAt = req.originalUrl.indexOf('?');
    const authorization = req.get('Authorization');
    this.seq += 1;
    const entry: SandboxRequestLogEntry = {
      seq: this.seq,
      requestId,
      at: this.clock().toISOString(),
      method: req.method,
      path: req.path,
      query: queryAt === -1 ? '' : req.originalUrl.slice(queryAt + 1),
      status: null,
      durationMs: null,
      zuoraVersion: req.get('Zuora-Version') ?? null,
      trackId: req.get('Zuora-Track-Id') ?? null,
      authorization:
        authorization === undefined ? 'none' : /^bearer /i.test(authorization) ? 'bearer' : 'other',
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
