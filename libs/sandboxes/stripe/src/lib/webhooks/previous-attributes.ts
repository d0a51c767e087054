type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * What an `*.updated` event's `data.previous_attributes` holds: for each field that changed, its
 * value before. As Stripe does, a nested hash (e.g. `invoice_settings`) lists only its changed
 * keys, and an array or list that changed at all is given whole. Null when nothing changed.
 */
export function previousAttributes(
  before: Record<string, Json>,
  after: Record<string, Json>,
): Record<string, Json> | null {
  const previous: Record<string, Json> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[key];
    const now = after[key];
    if (isPlainObject(was) && isPlainObject(now) && was['object'] !== 'list') {
      const nested = previousAttributes(was, now);
      if (nested !== null) previous[key] = nested;
    } else if (JSON.stringify(was) !== JSON.stringify(now)) {
      // A field the object did not have before reads as null, as Stripe shows a newly set one.
      previous[key] = was === undefined ? null : was;
    }
  }
  return Object.keys(previous).length === 0 ? null : previous;
}
