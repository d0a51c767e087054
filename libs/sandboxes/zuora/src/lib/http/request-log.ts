import { authorizationKind, RequestLog, type RequestLogEntry } from '@subsync/sandbox-kit';

/** One request the sandbox received (admin calls under `/sandbox` are not logged). */
export interface SandboxRequestLogEntry extends RequestLogEntry {
  /** The `Zuora-Version` header as sent (null when absent). */
  zuoraVersion: string | null;
  /** The `Zuora-Track-Id` header as sent (null when absent). */
  trackId: string | null;
  /** Which kind of `Authorization` header was sent. */
  authorization: 'bearer' | 'other' | 'none';
}

/** The request log; `at` is by the sandbox clock. */
export function zuoraRequestLog(
  limit: number,
  clock: () => Date,
): RequestLog<SandboxRequestLogEntry> {
  return new RequestLog(limit, clock, (req, arrival) => ({
    ...arrival,
    status: null,
    durationMs: null,
    zuoraVersion: req.get('Zuora-Version') ?? null,
    trackId: req.get('Zuora-Track-Id') ?? null,
    authorization: authorizationKind(req, ['bearer']),
    fault: null,
  }));
}
