import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { registerChildCleanup, killQuietly } from './child-cleanup';
import { LogTail } from './log-tail';
import { stopChild, waitForExit } from './stop-child';

export interface ServiceProcessOptions {
  /** Shown in errors and log prefixes. */
  name: string;
  /** Path to a compiled .js entry point, run with the current `node`. */
  script: string;
  args?: string[];
  /** Merged over process.env; an undefined value removes the variable. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Ready once a stdout/stderr line matches. */
  readyWhen?: (line: string) => boolean;
  /** Ready once GET answers 200. With readyWhen as well, both must hold. */
  healthUrl?: string;
  /** Default 60 s. */
  timeoutMs?: number;
  /** Extra node flags, e.g. ['--enable-source-maps']. */
  nodeArgs?: string[];
  /** Receives every output line as it arrives. */
  log?: (line: string) => void;
  /** How many output lines to keep. Default 500. */
  maxLogLines?: number;
}

export interface ServiceProcess {
  name: string;
  pid: number;
  /** The last output lines (stdout and stderr, interleaved as they arrived). */
  logs(): string[];
  /** Sends `signal` (default SIGTERM), waits for exit (SIGKILL after 10 s) and returns the exit code (null if signalled). */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  stop(): Promise<void>;
  /** Settles with the exit code whenever the process exits, for crash assertions. */
  exited: Promise<number | null>;
}

/** Spawns `node <script>` and waits until it is ready; throws with its captured output if it is not. */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  if (!existsSync(options.script)) {
    throw new Error(
      `${options.name}: ${options.script} does not exist (run \`npm run build\` first?)`,
    );
  }
  const tail = new LogTail(options.maxLogLines ?? 500);
  if (options.log) {
    tail.onLine(options.log);
  }
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), options.script, ...(options.args ?? [])],
    {
      cwd: options.cwd,
      env: mergeEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    },
  );
  // Without a listener, a spawn failure would be thrown as an unhandled 'error' event.
  child.once('error', (error) => tail.push(`[spawn error] ${error.message}`));
  const unregister = registerChildCleanup(() => killQuietly(child.pid));
  const exited = waitForExit(child);
  void exited.then(unregister);
  tail.follow(child.stdout);
  tail.follow(child.stderr);

  const timeoutMs = options.timeoutMs ?? 60_000;
  try {
    await waitUntilReady(options, tail, child.pid, exited, timeoutMs);
  } catch (error) {
    await stopChild(child, { signal: 'SIGKILL' });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${options.name} did not become ready: ${reason}\n--- ${options.name} output (tail) ---\n${tail.format(200)}`,
    );
  }

  const kill = (signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> =>
    stopChild(child, { signal, timeoutMs: 10_000 });
  return {
    name: options.name,
    pid: child.pid!,
    logs: () => tail.lines(),
    kill,
    stop: async () => {
      await kill('SIGTERM');
    },
    exited,
  };
}

function mergeEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) {
      delete env[key];
    } else {
      env[key] = value;
    }
  }
  return env;
}

async function waitUntilReady(
  options: ServiceProcessOptions,
  tail: LogTail,
  pid: number | undefined,
  exited: Promise<number | null>,
  timeoutMs: number,
): Promise<void> {
  if (pid === undefined) {
    // Let the spawn 'error' event reach the captured output first.
    await new Promise((resolve) => setImmediate(resolve));
    throw new Error(`${process.execPath} could not be spawned`);
  }
  const cleanups: (() => void)[] = [];
  const conditions: Promise<void>[] = [];
  if (options.readyWhen) {
    conditions.push(lineMatches(tail, options.readyWhen, cleanups));
  }
  if (options.healthUrl) {
    conditions.push(healthAnswers(options.healthUrl, cleanups));
  }
  const failure = new Promise<never>((_, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    cleanups.push(() => clearTimeout(timer));
    void exited.then((code) =>
      reject(new Error(`the process exited with code ${code} before it was ready`)),
    );
  });
  try {
    await Promise.race([Promise.all(conditions), failure]);
  } finally {
    cleanups.forEach((cleanup) => cleanup());
  }
}

function lineMatches(
  tail: LogTail,
  predicate: (line: string) => boolean,
  cleanups: (() => void)[],
): Promise<void> {
  return new Promise((resolve) => {
    if (tail.lines().some(predicate)) {
      resolve();
      return;
    }
    const off = tail.onLine((line) => {
      if (predicate(line)) {
        off();
        resolve();
      }
    });
    cleanups.push(off);
  });
}

function healthAnswers(url: string, cleanups: (() => void)[]): Promise<void> {
  let stopped = false;
  cleanups.push(() => (stopped = true));
  return (async () => {
    while (!stopped) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
        await response.arrayBuffer();
        if (response.status === 200) {
          return;
        }
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
}
