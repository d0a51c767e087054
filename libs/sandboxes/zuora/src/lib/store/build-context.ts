export interface BuildContext {
  /** Makes an id; `label` lets the seed derive stable ids, the admin API ignores it. */
  id: (label: string) => string;
  today: string;
  /** ISO timestamp of "now". */
  now: string;
}

/** Known fields first (in Zuora's order), then any extra fields the input carries. */
export function withExtras<T extends object>(known: T, input: object): T {
  return { ...known, ...input, ...known };
}
