import { BadRequestException, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

// PostgreSQL refuses both in text and jsonb; neither has a use in an id, a query or a field.
const NUL = '\u0000';
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** No request body of this API nests deeper; a deeper one is refused before anything walks it. */
export const MAX_INPUT_DEPTH = 32;

/** Why a string cannot go on to a query, or null when it can. */
export function unsafeTextReason(text: string): string | null {
  if (text.includes(NUL)) return 'holds a NUL byte';
  if (UNPAIRED_SURROGATE.test(text))
    return 'holds an unpaired UTF-16 surrogate (not valid Unicode)';
  return null;
}

/**
 * The first string (value or object key) in `value` that cannot go on to a query, named by its
 * path under `where`; null when every string is safe. Iterative, so a deep body cannot
 * overflow the stack.
 */
export function findUnsafeInput(value: unknown, where: string): string | null {
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value, path: where, depth: 0 },
  ];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: current, path, depth } = next;
    if (typeof current === 'string') {
      const reason = unsafeTextReason(current);
      if (reason !== null) return `${path} ${reason}`;
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_INPUT_DEPTH) return `${path} nests deeper than ${MAX_INPUT_DEPTH} levels`;
    for (const [key, child] of Object.entries(current)) {
      const keyReason = unsafeTextReason(key);
      if (keyReason !== null) return `a field name in ${path} ${keyReason}`;
      pending.push({ value: child, path: `${path}.${key.slice(0, 40)}`, depth: depth + 1 });
    }
  }
  return null;
}

/** Throws the 400 for `value` when it holds a string that cannot go on to a query. */
export function assertSafeInput(value: unknown, where: string): void {
  const problem = findUnsafeInput(value, where);
  if (problem !== null) throw new BadRequestException(`Invalid input: ${problem}`);
}

/**
 * The one boundary every request passes before a guard or handler sees it: the path's
 * segments, each query parameter and the parsed body hold only text PostgreSQL accepts, and no
 * query parameter is given twice (none of this API's parameters takes several values).
 */
@Injectable()
export class InputBoundaryMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    // originalUrl: where a middleware is mounted, Express shortens `path` to what follows.
    const path = request.originalUrl.split('?')[0] ?? '';
    for (const segment of path.split('/')) assertSafeInput(decodeSegment(segment), 'the path');
    for (const [name, value] of Object.entries(request.query as Record<string, unknown>)) {
      assertSafeInput(name, 'a query parameter name');
      if (typeof value !== 'string') {
        throw new BadRequestException(
          `Invalid input: query parameter ${name.slice(0, 40)} must be given once, as text`,
        );
      }
      assertSafeInput(value, `query parameter ${name.slice(0, 40)}`);
    }
    assertSafeInput(request.body, 'the body');
    next();
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadRequestException('Invalid input: the path is not valid percent-encoded UTF-8');
  }
}
