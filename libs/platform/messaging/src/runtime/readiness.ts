import type { DataSource } from 'typeorm';

export type CheckState = 'up' | 'down';

/** One dependency or part of the service: true when it works. A rejection counts as down. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckState>;
}

/** How long a check may take before it counts as down (an outage often shows as a hang). */
const CHECK_TIMEOUT_MS = 2_000;

/**
 * Whether a service can do its work now: every check up. Callers at the same moment share one
 * round of checks, so a burst of probes (or a stuck database) never piles up queries.
 */
export class Readiness {
  private round?: Promise<ReadinessReport>;

  constructor(
    private readonly checks: Readonly<Record<string, ReadinessCheck>>,
    private readonly timeoutMs = CHECK_TIMEOUT_MS,
  ) {}

  check(): Promise<ReadinessReport> {
    this.round ??= this.run().finally(() => {
      this.round = undefined;
    });
    return this.round;
  }

  private async run(): Promise<ReadinessReport> {
    const names = Object.keys(this.checks);
    const states = await Promise.all(
      names.map((name) => stateWithin(this.checks[name]!, this.timeoutMs)),
    );
    const checks = Object.fromEntries(names.map((name, i) => [name, states[i]!]));
    return { ready: states.every((state) => state === 'up'), checks };
  }
}

/** Runs a check with a time limit: 'down' when it says false, fails, or takes too long. */
export async function stateWithin(
  check: ReadinessCheck,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckState>((resolve) => {
    timer = setTimeout(() => resolve('down'), timeoutMs);
  });
  try {
    return await Promise.race([
      Promise.resolve()
        .then(check)
        .then(
          (up): CheckState => (up ? 'up' : 'down'),
          (): CheckState => 'down',
        ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** PostgreSQL answers a trivial query. */
export function databaseAnswers(dataSource: DataSource): ReadinessCheck {
  return async () => {
    await dataSource.query('SELECT 1');
    return true;
  };
}
