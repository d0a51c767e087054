import type { Request, Response } from 'express';
import { onResponseDone } from '../http/response-done';
import type { RequestLog, RequestLogEntry } from './request-log';

/** Logs the request and fills in its status and duration when the response is done. */
export function recordRequest<E extends RequestLogEntry>(
  log: RequestLog<E>,
  req: Request,
  res: Response,
  requestId: string,
): E {
  // Wall-clock time, not the sandbox clock: durations stay real when a test fixes "today".
  const started = Date.now();
  const entry = log.start(req, requestId);
  onResponseDone(res, () => {
    // A response that never finished was not answered: the caller gave up or the socket broke.
    entry.status = res.writableFinished ? res.statusCode : null;
    entry.durationMs = Date.now() - started;
  });
  return entry;
}
