import type { Response } from 'express';

/**
 * Runs `done` once when the response has been sent or the connection closed, whichever comes
 * first: an aborted request emits only `close`, a finished one emits both.
 */
export function onResponseDone(res: Response, done: () => void): void {
  let called = false;
  const once = (): void => {
    if (!called) {
      called = true;
      done();
    }
  };
  res.once('finish', once);
  res.once('close', once);
}
