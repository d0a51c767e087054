import type { FieldChange } from '../subscription/subscription.model';

/**
 * Lists the fields whose value differs between two flat records, named `<prefix>.<field>`.
 * A missing `before` record (an import) reports every field as changed from null.
 */
export function diffFields<T extends object>(
  prefix: string,
  before: T | null,
  after: T,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    const previous = before === null ? null : before[key];
    if (!sameValue(previous, after[key])) {
      changes.push({
        field: `${prefix}.${key}`,
        before: previous ?? null,
        after: after[key] ?? null,
      });
    }
  }
  return changes;
}

function sameValue(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}
