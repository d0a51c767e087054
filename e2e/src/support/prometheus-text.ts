/** One sample of a Prometheus text exposition: `name{label="value",…} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The samples of an exposition (comment lines skipped), enough for tests to read the numbers. */
export function parseExposition(text: string): Sample[] {
  return text.split('\n').flatMap((line) => {
    const match = SAMPLE.exec(line);
    if (match === null || line.startsWith('#')) return [];
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) {
      labels[key!] = value!.replace(/\\(.)/g, (_, escaped: string) =>
        escaped === 'n' ? '\n' : escaped,
      );
    }
    return [{ name: match[1]!, labels, value: Number(match[3]) }];
  });
}

/** The samples named `name` whose labels include `labels`. */
export function samples(
  all: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): Sample[] {
  return all.filter(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
}

/** The sum of those samples' values (0 when there is none). */
export function total(
  all: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): number {
  return samples(all, name, labels).reduce((sum, sample) => sum + sample.value, 0);
}

/** A service's `/metrics`, parsed. */
export async function scrape(baseUrl: string): Promise<Sample[]> {
  const response = await fetch(`${baseUrl}/metrics`);
  if (response.status !== 200) throw new Error(`${baseUrl}/metrics answered ${response.status}`);
  return parseExposition(await response.text());
}
