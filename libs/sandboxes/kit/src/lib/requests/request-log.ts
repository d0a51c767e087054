import type { Request } from 'express';

/** The fields every sandbox logs of a request; each adds the headers of its own API. */
export interface RequestLogEntry {
  /** 1, 2, 3 … in arrival order. */
  seq: number;
  requestId: string;
  /** ISO timestamp of arrival, by the log's clock. */
  at: string;
  method: string;
  path: string;
  /** The raw query string without `?`, or '' when there is none. */
  query: string;
  /** The HTTP status answered; null while in progress or if the caller gave up. */
  status: number | null;
  durationMs: number | null;
  /** The injected fault that answered or delayed this request, if any. */
  fault: string | null;
}

/** What the log knows of a request when it arrives; the sandbox builds the entry from it. */
export type RequestArrival = Pick<
  RequestLogEntry,
  'seq' | 'requestId' | 'at' | 'method' | 'path' | 'query'
>;

export interface RequestLogFilter {
  pathPrefix?: string;
  method?: string;
}

/** The last `limit` requests a sandbox received, oldest first. */
export class RequestLog<E extends RequestLogEntry> {
  private entries: E[] = [];
  private seq = 0;

  constructor(
    private readonly limit: number,
    private readonly clock: () => Date,
    /** Builds the entry, in the field order the admin API shows. */
    private readonly describe: (req: Request, arrival: RequestArrival) => E,
  ) {}

  /** Logs the request and returns its entry, which stays live: status and fault are set later. */
  start(req: Request, requestId: string): E {
    const queryAt = req.originalUrl.indexOf('?');
    this.seq += 1;
    const entry = this.describe(req, {
      seq: this.seq,
      requestId,
      at: this.clock().toISOString(),
      method: req.method,
      path: req.path,
      query: queryAt === -1 ? '' : req.originalUrl.slice(queryAt + 1),
    });
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return entry;
  }

  /** Copies, so a caller cannot change the log. */
  list(filter: RequestLogFilter = {}): E[] {
    return this.entries
      .filter((e) => filter.pathPrefix === undefined || e.path.startsWith(filter.pathPrefix))
      .filter((e) => filter.method === undefined || e.method === filter.method.toUpperCase())
      .map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
  }
}

/**
 * Which kind of `Authorization` header a request sent: one of `schemes` (matched without regard
 * to case), `other`, or `none`. The log keeps the kind, never the credentials.
 */
export function authorizationKind<K extends string>(
  req: Request,
  schemes: readonly K[],
): K | 'other' | 'none' {
  const header = req.get('Authorization');
  if (header === undefined) return 'none';
  const lower = header.toLowerCase();
  return schemes.find((scheme) => lower.startsWith(`${scheme.toLowerCase()} `)) ?? 'other';
}
