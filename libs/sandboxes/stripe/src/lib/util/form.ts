// Stripe's form encoding (query strings and `application/x-www-form-urlencoded` bodies): bracket
// syntax for nesting, `a[b][c]=1`, and for arrays, `expand[]=x` or `expand[0]=x` (stripe-node sends
// the indexed form).

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

const KEY = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;

function decode(component: string): string {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return component;
  }
}

function segmentsOf(rawKey: string): string[] | null {
  const match = KEY.exec(rawKey);
  if (!match?.[1]) return null;
  const rest = match[2] ?? '';
  const nested = [...rest.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '');
  return [match[1], ...nested];
}

/** Thrown for a key whose structure conflicts with an earlier one (e.g. `a=1&a[b]=2`). */
export class FormShapeError extends Error {
  constructor(readonly key: string) {
    super(`Invalid array or hash for parameter '${key}'`);
  }
}

function get(target: FormObject | FormValue[], slot: string | number): FormValue | undefined {
  return Array.isArray(target) ? target[slot as number] : target[slot as string];
}

function set(target: FormObject | FormValue[], slot: string | number, value: FormValue): void {
  if (Array.isArray(target)) target[slot as number] = value;
  else target[slot as string] = value;
}

function assign(
  target: FormObject | FormValue[],
  segments: string[],
  value: string,
  key: string,
): void {
  const [head, ...rest] = segments;
  if (head === undefined) return;
  let slot: string | number;
  if (Array.isArray(target)) {
    slot = head === '' ? target.length : Number(head);
    if (!Number.isInteger(slot) || slot < 0) throw new FormShapeError(key);
  } else {
    if (head === '') throw new FormShapeError(key);
    slot = head;
  }
  const current = get(target, slot);
  if (rest.length === 0) {
    if (current !== undefined && typeof current !== 'string') throw new FormShapeError(key);
    set(target, slot, value);
    return;
  }
  let child = current;
  if (child === undefined) {
    child = rest[0] === '' || /^\d+$/.test(rest[0] ?? '') ? [] : {};
    set(target, slot, child);
  }
  if (typeof child === 'string') throw new FormShapeError(key);
  assign(child, rest, value, key);
}

/** Parses `a=1&b[c]=2&d[]=3` into `{ a: '1', b: { c: '2' }, d: ['3'] }`. */
export function parseForm(encoded: string): FormObject {
  const out: FormObject = {};
  if (encoded.trim() === '') return out;
  for (const pair of encoded.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    const segments = segmentsOf(rawKey);
    if (!segments) throw new FormShapeError(rawKey);
    assign(out, segments, value, rawKey);
  }
  // Indexed arrays may have holes (`a[1]=x` alone); Stripe compacts them.
  return compact(out) as FormObject;
}

function compact(value: FormValue): FormValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
}
