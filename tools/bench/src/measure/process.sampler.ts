import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

// What every process this bench started costs, read from /proc (Linux only): CPU time per
// process group between two moments, and each service's peak resident memory.

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /**
   * utime + stime + cutime + cstime, in clock ticks: its own CPU and that of the children it
   * reaped. PostgreSQL's backends end when a pool closes an idle connection; without the
   * postmaster's cutime their CPU would vanish from the sum (and show as other work).
   */
  cpuTicks: number;
}

export interface CpuSnapshot {
  at: number;
  /** CPU ticks per group label. */
  byGroup: Map<string, number>;
  /** The whole machine, from /proc/stat: busy (steal included) and total ticks over all cores. */
  machineBusy: number;
  machineTotal: number;
  /** Ticks the hypervisor gave to other guests while this one wanted to run (steal). */
  machineSteal: number;
}

export interface CpuUsage {
  /** Per group: CPU used over the interval as a percentage of one core (200 = two cores). */
  percentOfCore: Record<string, number>;
  /** The whole machine's busy share over all cores, 0–100, whoever used it. */
  machineBusyPercent: number;
  /** CPU used by processes the bench did not start (other work on the machine), % of one core. */
  othersPercentOfCore: number;
  /**
   * Time the hypervisor ran other guests while this VM had work (steal), % of one core. It
   * counts as busy, but no process here used it: on a shared VM it is what slows every hop.
   */
  stealPercentOfCore: number;
  seconds: number;
}

export interface MemoryPeak {
  label: string;
  pid: number;
  /** VmHWM: the highest resident set size the process reached, in MiB. */
  peakMiB: number;
}

const CLOCK_TICKS = clockTicksPerSecond();

function clockTicksPerSecond(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text
      .slice(close + 2)
      .trim()
      .split(' ');
    return {
      pid,
      ppid: Number(fields[1]),
      comm,
      cpuTicks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]),
    };
  } catch {
    return null; // gone meanwhile
  }
}

function readMachineTicks(): { busy: number; total: number; steal: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1);
  const values = cpu.map(Number);
  const total = values.slice(0, 8).reduce((sum, v) => sum + v, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0); // idle + iowait
  return { busy: total - idle, total, steal: values[7] ?? 0 };
}

/**
 * Labels the bench's process tree: the services it names, PostgreSQL (all its backends),
 * Kafka (the JVM), the bench itself; anything else by its command name.
 */
export class ProcessSampler {
  private readonly labels = new Map<number, string>();
  private readonly peaks = new Map<number, MemoryPeak>();
  private parents = new Map<number, number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly rootPid = process.pid) {
    this.labels.set(rootPid, 'bench');
  }

  /** Names a process (a service) in reports; its children count towards it. */
  label(pid: number, label: string): void {
    this.labels.set(pid, label);
  }

  /** Samples every service's peak memory each `intervalMs` until stop(). */
  start(intervalMs = 1_000): void {
    this.timer = setInterval(() => this.sampleMemory(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.sampleMemory();
  }

  /** The highest VmHWM seen of each labelled process (the bench itself included). */
  memoryPeaks(): MemoryPeak[] {
    return [...this.peaks.values()];
  }

  snapshot(): CpuSnapshot {
    const byGroup = new Map<string, number>();
    for (const stat of this.descendants()) {
      const group = this.groupOf(stat);
      byGroup.set(group, (byGroup.get(group) ?? 0) + stat.cpuTicks);
    }
    const machine = readMachineTicks();
    return {
      at: Date.now(),
      byGroup,
      machineBusy: machine.busy,
      machineTotal: machine.total,
      machineSteal: machine.steal,
    };
  }

  static usage(before: CpuSnapshot, after: CpuSnapshot): CpuUsage {
    const seconds = (after.at - before.at) / 1000;
    const percentOfCore: Record<string, number> = {};
    for (const [group, ticks] of after.byGroup) {
      const used = (ticks - (before.byGroup.get(group) ?? 0)) / CLOCK_TICKS;
      if (seconds > 0 && used > 0) percentOfCore[group] = Math.round((used / seconds) * 1000) / 10;
    }
    const total = after.machineTotal - before.machineTotal;
    const machineBusyPercent =
      total > 0 ? Math.round(((after.machineBusy - before.machineBusy) / total) * 1000) / 10 : 0;
    const ours = Object.values(percentOfCore).reduce((sum, percent) => sum + percent, 0);
    const stolen = (after.machineSteal - before.machineSteal) / total; // share of all cores
    const stealPercentOfCore = total > 0 ? Math.round(stolen * cpus().length * 1000) / 10 : 0;
    return {
      percentOfCore,
      machineBusyPercent,
      othersPercentOfCore: Math.max(
        0,
        Math.round(machineBusyPercent * cpus().length - stealPercentOfCore - ours),
      ),
      stealPercentOfCore,
      seconds,
    };
  }

  private descendants(): ProcStat[] {
    const all: ProcStat[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(Number(entry));
      if (stat) all.push(stat);
    }
    const children = new Map<number, ProcStat[]>();
    for (const stat of all) {
      const list = children.get(stat.ppid) ?? [];
      list.push(stat);
      children.set(stat.ppid, list);
    }
    const root = all.find((stat) => stat.pid === this.rootPid);
    const result: ProcStat[] = root ? [root] : [];
    for (let i = 0; i < result.length; i += 1) result.push(...(children.get(result[i]!.pid) ?? []));
    this.parents = new Map(all.map((stat) => [stat.pid, stat.ppid]));
    return result;
  }

  private groupOf(stat: ProcStat): string {
    if (stat.comm === 'postgres') return 'postgres';
    if (stat.comm === 'java') {
      // The broker (not Maven or the storage formatter, which run java too); its peak memory is
      // worth reporting next to the services'.
      if (!this.labels.has(stat.pid) && isKafkaBroker(stat.pid)) this.labels.set(stat.pid, 'kafka');
      return this.labels.get(stat.pid) ?? 'java';
    }
    // The nearest labelled ancestor: a service, or else the bench itself.
    for (let pid: number | undefined = stat.pid; pid !== undefined && pid > 1;) {
      const label = this.labels.get(pid);
      if (label !== undefined) return label;
      pid = this.parents.get(pid);
    }
    return stat.comm;
  }

  private sampleMemory(): void {
    // Labels the broker's JVM (and finds the process tree) before reading peaks.
    for (const stat of this.descendants()) this.groupOf(stat);
    for (const [pid, label] of this.labels) {
      const peakMiB = readPeakMiB(pid);
      if (peakMiB === null) continue;
      const known = this.peaks.get(pid);
      if (!known || peakMiB > known.peakMiB) this.peaks.set(pid, { label, pid, peakMiB });
    }
  }
}

function isKafkaBroker(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('kafka.Kafka');
  } catch {
    return false;
  }
}

function readPeakMiB(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}
