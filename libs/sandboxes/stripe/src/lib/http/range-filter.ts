import type { FormValue } from '../util/form';
import { invalidRequest } from './stripe-errors';

/** `created[gte]=…` style range filters on a Unix timestamp. */
export function matchesRange(value: number, filter: FormValue | undefined, param: string): boolean {
  if (filter === undefined) return true;
  const check = (
    raw: string | FormValue | undefined,
    test: (bound: number) => boolean,
  ): boolean => {
    if (raw === undefined) return true;
    if (typeof raw !== 'string' || !/^\d+$/.test(raw)) {
      throw invalidRequest(`Invalid timestamp: ${JSON.stringify(raw)}`, { param });
    }
    return test(Number(raw));
  };
  if (typeof filter === 'string') return check(filter, (b) => value === b);
  if (Array.isArray(filter)) throw invalidRequest('Invalid hash', { param });
  const unknown = Object.keys(filter).find((k) => !['gt', 'gte', 'lt', 'lte'].includes(k));
  if (unknown !== undefined)
    throw invalidRequest(`Received unknown parameter: ${param}[${unknown}]`, {
      code: 'parameter_unknown',
      param: `${param}[${unknown}]`,
    });
  return (
    check(filter.gt, (b) => value > b) &&
    check(filter.gte, (b) => value >= b) &&
    check(filter.lt, (b) => value < b) &&
    check(filter.lte, (b) => value <= b)
  );
}
