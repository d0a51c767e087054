import type { Request, RequestHandler, Response } from 'express';
import { FaultQueue, type FaultMatch, type QueueableFault, type QueuedFault } from './fault-queue';

/** Holds the request back for `delayMs`, then lets it through; the same in every sandbox. */
export type DelayFault = FaultMatch & { type: 'delay'; delayMs: number };

/** The faults a sandbox answers itself: everything but a delay. */
export type AnsweredFault<S extends QueueableFault> = QueuedFault<Exclude<S, { type: 'delay' }>>;

export interface FaultInjectorOptions<S extends QueueableFault> {
  /** Answers the request in the upstream API's own way (envelope, headers, status). */
  answer: (fault: AnsweredFault<S>, req: Request, res: Response) => void;
  /** The request's log entry, so the log tells which fault answered or delayed it. */
  logEntry: (req: Request) => { fault: string | null } | null;
  /** The paths a fault without `pathPrefix` matches (default: every path). */
  defaultScope?: (path: string) => boolean;
}

/** A fault queue that answers the requests it matches, as an Express middleware. */
export class FaultInjector<S extends QueueableFault> extends FaultQueue<S> {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: FaultInjectorOptions<S>) {
    super(options.defaultScope);
  }

  /** Cancels pending delays (on shutdown). */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      const fault = this.take(req.method, req.path);
      if (!fault) {
        next();
        return;
      }
      const entry = this.options.logEntry(req);
      if (entry) entry.fault = fault.type;
      if (isDelay(fault)) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          // The caller may have given up (timed out) meanwhile; then there is nobody to answer.
          if (!res.destroyed) next();
        }, fault.delayMs);
        this.timers.add(timer);
        return;
      }
      // Narrowing cannot exclude a member of a type parameter; the guard above has done it.
      this.options.answer(fault as AnsweredFault<S>, req, res);
    };
  }
}

function isDelay(fault: QueueableFault): fault is DelayFault {
  return fault.type === 'delay';
}
