import type { MemoryPeak } from '../measure/process.sampler';
import type { ScenarioOutcome } from '../scenarios/bench.context';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  kafka: string;
  os: string;
  loadAverageAtStart: number[];
}

export interface BenchRun {
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  quick: boolean;
  scenarios: string[];
  machine: MachineInfo;
  tuning: Record<string, string>;
  serviceLogLines: Record<string, number>;
  outcomes: ScenarioOutcome[];
  memory: MemoryPeak[];
  failures: { scenario: string; error: string }[];
}

const TITLES: Record<string, string> = {
  S0: 'S0  PostgreSQL per-event rate',
  S1: 'S1  End-to-end syncs/s, instant upstream',
  S2: 'S2  Latency at a steady 50 requests/s',
  S3: 'S3  A slow, limited upstream',
  S4: 'S4  Coalescing: 100 requests for one subscription',
  S5: 'S5  Peak memory (VmHWM) per process',
  S6: 'S6  Rows read per sync at two database sizes',
  S7: 'S7  Backfill of a tenant from a slow, limited upstream, with live syncs',
};

/** The readable report: each scenario's parts under its heading, then memory and failures. */
export function formatReport(run: BenchRun): string {
  const lines: string[] = [];
  const m = run.machine;
  lines.push(
    `subsync benchmark — ${run.quick ? 'QUICK (smoke run, not figures to quote)' : 'full run'}`,
    `${run.startedAt} → ${run.finishedAt} (${Math.round(run.durationSeconds)} s)`,
    `machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}, PostgreSQL ${m.postgres}, Kafka ${m.kafka}; load average at start ${m.loadAverageAtStart.join(' / ')}`,
    `tuning variables set: ${
      Object.keys(run.tuning).length === 0
        ? 'none'
        : Object.entries(run.tuning)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')
    }`,
    '',
  );
  for (const id of run.scenarios) {
    const parts = run.outcomes.filter((outcome) => scenarioOf(outcome.key) === id);
    const failed = run.failures.filter((failure) => scenarioOf(failure.scenario) === id);
    if (id === 'S5') {
      lines.push(TITLES.S5!, ...formatMemory(run.memory), '');
      continue;
    }
    if (parts.length === 0 && failed.length === 0) continue;
    lines.push(TITLES[id] ?? id);
    for (const part of parts) {
      lines.push(`  [${part.key}] ${part.title}`, ...part.lines.map((line) => `    ${line}`));
    }
    for (const failure of failed) lines.push(`  [${failure.scenario}] FAILED: ${failure.error}`);
    lines.push('');
  }
  lines.push(
    `service output lines during the run: ${Object.entries(run.serviceLogLines)
      .map(([label, n]) => `${label} ${n}`)
      .join(', ')}`,
  );
  return lines.join('\n');
}

function formatMemory(memory: MemoryPeak[]): string[] {
  if (memory.length === 0) return ['  nothing sampled'];
  return [...memory]
    .sort((a, b) => a.label.localeCompare(b.label) || a.pid - b.pid)
    .map(
      (peak) => `  ${peak.label.padEnd(24)} pid ${String(peak.pid).padEnd(8)} ${peak.peakMiB} MiB`,
    );
}

/** `S1a2` → `S1`, `S3b` → `S3`. */
export function scenarioOf(key: string): string {
  return /^S\d/.exec(key)?.[0] ?? key;
}
