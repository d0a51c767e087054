import { RequestLog, type RequestLogEntry } from '../src/lib/requests/request-log';

// A request log with only the kit's fields, for tests where no sandbox adds its own.
export function plainRequestLog(limit = 100): RequestLog<RequestLogEntry> {
  return new RequestLog<RequestLogEntry>(
    limit,
    () => new Date(0),
    (_req, arrival) => ({
      ...arrival,
      status: null,
      durationMs: null,
      fault: null,
    }),
  );
}
