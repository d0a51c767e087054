/** Which requests a fault answers; every sandbox's fault types carry these fields. */
export interface FaultMatch {
  /** How many matching requests the fault answers (default 1). */
  count?: number;
  /** Only requests whose path starts with this; without it, the queue's default scope. */
  pathPrefix?: string;
  /** Only requests with this HTTP method (any case). */
  method?: string;
}

/** A fault a sandbox can queue: its `type` names how it answers. */
export type QueueableFault = FaultMatch & { type: string };

/** A queued fault: what was asked, its id, and how many requests it still answers. */
export type QueuedFault<S extends QueueableFault> = S & { id: number; remaining: number };

/**
 * Faults waiting for the requests they answer, first queued first served. A fault leaves the
 * queue once it has answered `count` requests.
 */
export class FaultQueue<S extends QueueableFault> {
  private faults: QueuedFault<S>[] = [];
  private nextId = 1;

  /** `defaultScope`: the paths a fault without `pathPrefix` matches (default: every path). */
  constructor(private readonly defaultScope: (path: string) => boolean = () => true) {}

  inject(spec: S): QueuedFault<S> {
    const fault: QueuedFault<S> = { ...spec, id: this.nextId++, remaining: spec.count ?? 1 };
    this.faults.push(fault);
    return { ...fault };
  }

  /** Copies, so a caller cannot change what is queued. */
  list(): QueuedFault<S>[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault matching the request, counted as used; undefined when none matches. */
  take(method: string, path: string): QueuedFault<S> | undefined {
    const fault = this.faults.find(
      (f) =>
        (f.pathPrefix === undefined ? this.defaultScope(path) : path.startsWith(f.pathPrefix)) &&
        (f.method === undefined || f.method.toUpperCase() === method),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}
