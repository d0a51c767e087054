/**
 * Last-resort cleanup of the child processes started here (Kafka brokers, PostgreSQL, the
 * services), so none outlives this Node process: on normal exit, on an uncaught exception (both emit
 * 'exit') and on SIGINT/SIGTERM/SIGHUP. Orderly shutdown is still each handle's stop(); this only
 * covers the paths where nobody called it.
 */
type SyncCleanup = () => void;

const cleanups = new Set<SyncCleanup>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let installed = false;
/** How long another signal handler gets for its own graceful shutdown before we kill our children. */
const GRACE_MS = 30_000;

/** Registers a synchronous cleanup (it may only send signals and do sync fs work). Returns an unregister function. */
export function registerChildCleanup(cleanup: SyncCleanup): () => void {
  install();
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

/** Sends a signal (SIGKILL by default) to a pid, ignoring "no such process". */
export function killQuietly(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === undefined) {
    return;
  }
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone: nothing to clean up.
  }
}

function runAll(): void {
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // Keep going: one failed cleanup must not leave the other children running.
    }
  }
}

function install(): void {
  if (installed) {
    return;
  }
  installed = true;
  process.on('exit', runAll);
  for (const signal of SIGNALS) {
    const onSignal = (): void => {
      if (process.listeners(signal).some((listener) => listener !== onSignal)) {
        // Another listener (the dev orchestrator, Jest) owns shutdown: let
        // it stop things gracefully, and the 'exit' hook above catches what is left. If the process
        // is somehow still alive later, at least our children must not be.
        setTimeout(runAll, GRACE_MS).unref();
        return;
      }
      runAll();
      // Restore the default behaviour (terminate with the signal) now that the children are gone.
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}
