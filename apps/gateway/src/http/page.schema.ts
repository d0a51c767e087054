import { z } from 'zod';

/** A page of a list, newest first: `nextCursor` asks for the next one, null on the last. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().describe('cursor of the next page; null on the last'),
  });
}

/** A list answered whole, without paging. */
export function listSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item) });
}
