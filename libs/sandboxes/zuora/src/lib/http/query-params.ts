import type { Request } from 'express';

/** All values of a query parameter (repeated parameters such as `filter[]` give several). */
export function queryValues(req: Request, name: string): string[] {
  const value: unknown = req.query[name];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

export function queryValue(req: Request, name: string): string | undefined {
  return queryValues(req, name)[0];
}

/** The request URL with some query parameters replaced, as an absolute URL (for `nextPage`). */
export function absoluteUrlWith(req: Request, replace: Record<string, string>): string {
  const queryAt = req.originalUrl.indexOf('?');
  const path = queryAt === -1 ? req.originalUrl : req.originalUrl.slice(0, queryAt);
  const params = new URLSearchParams(queryAt === -1 ? '' : req.originalUrl.slice(queryAt + 1));
  for (const [name, value] of Object.entries(replace)) params.set(name, value);
  return `${req.protocol}://${req.get('host') ?? 'localhost'}${path}?${params.toString()}`;
}

export function notFoundMessage(key: string): string {
  return `Cannot find entity by key: '${key}'.`;
}
