import type { Request } from 'express';
import { FormShapeError, parseForm, type FormObject, type FormValue } from '../util/form';
import { invalidRequest, parameterUnknown, StripeHttpError } from './stripe-errors';

/** The request's parameters: the query string of a GET, the form body of a POST. */
export function requestParams(req: Request): FormObject {
  try {
    if (req.method === 'GET' || req.method === 'DELETE') {
      const queryAt = req.originalUrl.indexOf('?');
      return parseForm(queryAt === -1 ? '' : req.originalUrl.slice(queryAt + 1));
    }
    if (/json/i.test(req.get('Content-Type') ?? '')) {
      throw invalidRequest(
        'Invalid request (check that your POST content type is application/x-www-form-urlencoded). If you have any questions, we can help at https://support.stripe.com/.',
      );
    }
    return parseForm(typeof req.body === 'string' ? req.body : '');
  } catch (error) {
    if (error instanceof FormShapeError) throw invalidRequest(error.message, { param: error.key });
    throw error;
  }
}

/** Stripe rejects parameters an endpoint does not know. */
export function allowOnly(params: FormObject, allowed: readonly string[]): void {
  const unknown = Object.keys(params).find((name) => !allowed.includes(name));
  if (unknown !== undefined) throw parameterUnknown(unknown);
}

export function stringParam(params: FormObject, name: string): string | undefined {
  const value: FormValue | undefined = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw invalidRequest(`Invalid string: ${JSON.stringify(value)}`, { param: name });
  return value;
}

/** `expand[]=a&expand[]=b` (or `expand[0]=a`). */
export function expandParam(params: FormObject): string[] {
  const value = params.expand;
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw invalidRequest('Invalid array', { param: 'expand' });
  }
  return value as string[];
}

export interface PageParams {
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
}

export const LIST_PARAMS = ['limit', 'starting_after', 'ending_before', 'expand'] as const;

/** `limit` (1–100, default 10) and one of `starting_after` / `ending_before`. */
export function pageParams(params: FormObject): PageParams {
  const raw = stringParam(params, 'limit');
  let limit = 10;
  if (raw !== undefined) {
    if (!/^-?\d+$/.test(raw)) {
      throw invalidRequest(`Invalid integer: ${raw}`, {
        code: 'parameter_invalid_integer',
        param: 'limit',
      });
    }
    limit = Number(raw);
    if (limit < 1)
      throw invalidRequest('This value must be greater than or equal to 1.', { param: 'limit' });
    if (limit > 100)
      throw invalidRequest('This value must be less than or equal to 100.', { param: 'limit' });
  }
  const startingAfter = stringParam(params, 'starting_after');
  const endingBefore = stringParam(params, 'ending_before');
  if (startingAfter !== undefined && endingBefore !== undefined) {
    throw new StripeHttpError(400, {
      type: 'invalid_request_error',
      code: 'parameters_exclusive',
      message: 'You may only specify one of these parameters: ending_before, starting_after.',
      param: 'ending_before',
    });
  }
  return {
    limit,
    ...(startingAfter === undefined ? {} : { startingAfter }),
    ...(endingBefore === undefined ? {} : { endingBefore }),
  };
}
