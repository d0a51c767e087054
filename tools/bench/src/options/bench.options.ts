/** The scenarios `npm run bench` knows, in the order they run. S3 includes S3b. */
export const SCENARIO_IDS = ['S0', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export interface BenchOptions {
  /** Shorter durations and smaller sizes: a smoke run, not figures to quote. */
  quick: boolean;
  /** The scenarios to run, in their fixed order. */
  only: ScenarioId[];
}

export class BenchUsageError extends Error {}

export const BENCH_USAGE =
  'usage: npm run bench -- [--quick] [--only S0,S1,S2,S3,S4,S5,S6,S7]\n' +
  '  --quick   shorter durations and smaller sizes (a smoke run)\n' +
  '  --only    run only these scenarios (S3 includes S3b; S5 reports the RSS of what ran)';

/** Reads the command line after `--`; throws a BenchUsageError naming what is wrong. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  let quick = false;
  let only: ScenarioId[] = [...SCENARIO_IDS];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--quick') {
      quick = true;
    } else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[(i += 1)] : arg.slice('--only='.length);
      if (value === undefined || value.trim() === '')
        throw new BenchUsageError('--only needs a list, e.g. --only S1,S3');
      only = parseScenarioList(value);
    } else {
      throw new BenchUsageError(`unknown argument '${arg}'`);
    }
  }
  return { quick, only };
}

function parseScenarioList(value: string): ScenarioId[] {
  const wanted = new Set<ScenarioId>();
  for (const raw of value.split(',')) {
    const id = raw.trim().toUpperCase();
    if (id === '') continue;
    // S3b is measured as part of S3 (the same load with two zuora-sync processes).
    const scenario = id === 'S3B' ? 'S3' : id;
    if (!(SCENARIO_IDS as readonly string[]).includes(scenario)) {
      throw new BenchUsageError(
        `unknown scenario '${raw.trim()}' in --only (known: ${SCENARIO_IDS.join(', ')})`,
      );
    }
    wanted.add(scenario as ScenarioId);
  }
  if (wanted.size === 0) throw new BenchUsageError('--only names no scenario');
  return SCENARIO_IDS.filter((id) => wanted.has(id));
}
