import { BadRequestException } from '@nestjs/common';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/** The `limit` query parameter of a paged list. */
export function parsePageLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw new BadRequestException(
      `limit must be an integer from 1 to ${MAX_PAGE_LIMIT} (got '${raw.slice(0, 40)}')`,
    );
  }
  return limit;
}
