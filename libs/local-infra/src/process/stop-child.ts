import { type ChildProcess } from 'node:child_process';

/** Exit code of a child (null when it was ended by a signal), once it has exited. */
export function waitForExit(child: ChildProcess): Promise<number | null> {
  // No pid: spawning failed ('error' is emitted, 'exit' never is), so there is nothing to wait for.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode);
  }
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
  });
}

/**
 * Sends `signal` (SIGTERM by default), waits up to `timeoutMs` for the child to exit, then sends
 * SIGKILL so nothing is ever left running. Resolves with the exit code (null when signalled).
 */
export async function stopChild(
  child: ChildProcess,
  options: { signal?: NodeJS.Signals; timeoutMs?: number } = {},
): Promise<number | null> {
  const exited = waitForExit(child);
  if (child.exitCode !== null || child.signalCode !== null) {
    return exited;
  }
  child.kill(options.signal ?? 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.timeoutMs ?? 15_000);
  });
  const first = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (first === 'timeout') {
    child.kill('SIGKILL');
  }
  return exited;
}
