// Object Query's `filter[]=field.OP:value` and `sort[]=field.ASC` syntax.

export type FilterOperator = 'EQ' | 'NE' | 'LT' | 'GT' | 'SW' | 'IN' | 'GE' | 'LE';

export interface Filter {
  field: string;
  operator: FilterOperator;
  /** `null` for the literal `null`; a list for IN. */
  value: string | null | string[];
}

export interface Sort {
  field: string;
  descending: boolean;
}

const FILTER = /^([A-Za-z][A-Za-z0-9_]*)\.(EQ|NE|LT|GT|SW|IN|GE|LE):(.*)$/s;
const SORT = /^([A-Za-z][A-Za-z0-9_]*)\.(ASC|DESC)$/i;

export function parseFilter(raw: string): Filter | null {
  const match = FILTER.exec(raw);
  if (!match) return null;
  const [, field, operator, text] = match as unknown as [string, string, FilterOperator, string];
  if (operator === 'IN') {
    const list = /^\[(.*)\]$/s.exec(text);
    if (!list) return null;
    return {
      field,
      operator,
      value: (list[1] ?? '')
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    };
  }
  return { field, operator, value: text === 'null' ? null : text };
}

export function parseSort(raw: string): Sort | null {
  const match = SORT.exec(raw);
  if (!match?.[1] || !match[2]) return null;
  return { field: match[1], descending: match[2].toUpperCase() === 'DESC' };
}

function scalar(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function compare(left: string, right: string): number {
  const a = Number(left);
  const b = Number(right);
  if (left.trim() !== '' && right.trim() !== '' && !Number.isNaN(a) && !Number.isNaN(b))
    return a - b;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function matches(record: Record<string, unknown>, filter: Filter): boolean {
  const actual = scalar(record[filter.field]);
  const { operator, value } = filter;
  if (Array.isArray(value)) return actual !== null && value.includes(actual);
  if (value === null)
    return operator === 'NE' ? actual !== null : operator === 'EQ' && actual === null;
  if (actual === null) return operator === 'NE';
  switch (operator) {
    case 'EQ':
      return actual === value;
    case 'NE':
      return actual !== value;
    case 'SW':
      return actual.startsWith(value);
    case 'LT':
      return compare(actual, value) < 0;
    case 'LE':
      return compare(actual, value) <= 0;
    case 'GT':
      return compare(actual, value) > 0;
    case 'GE':
      return compare(actual, value) >= 0;
    case 'IN':
      return false;
  }
}

export function compareRecords(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  sorts: Sort[],
): number {
  for (const sort of sorts) {
    const left = scalar(a[sort.field]);
    const right = scalar(b[sort.field]);
    if (left === right) continue;
    const order = left === null ? -1 : right === null ? 1 : compare(left, right);
    if (order !== 0) return sort.descending ? -order : order;
  }
  return 0;
}
