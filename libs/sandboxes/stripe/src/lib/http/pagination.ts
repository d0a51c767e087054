import type { PageParams } from './params';
import { noSuch } from './stripe-errors';

/**
 * One page of `ordered` (already in the list's order) restricted to `matches`. Cursors are object
 * ids; a cursor that is not in `ordered` is a 400 `resource_missing`, as it names no object.
 */
export function paginate<T extends { id: string }>(
  ordered: readonly T[],
  matches: (item: T) => boolean,
  page: PageParams,
  objectName: string,
): { data: T[]; hasMore: boolean } {
  const cursor = page.startingAfter ?? page.endingBefore;
  const at = cursor === undefined ? -1 : ordered.findIndex((item) => item.id === cursor);
  if (cursor !== undefined && at === -1) {
    throw noSuch(
      objectName,
      cursor,
      page.startingAfter !== undefined ? 'starting_after' : 'ending_before',
      400,
    );
  }
  if (page.endingBefore !== undefined) {
    const before = ordered.slice(0, at).filter(matches);
    const data = before.slice(Math.max(0, before.length - page.limit));
    return { data, hasMore: before.length > data.length };
  }
  const after = ordered.slice(at + 1).filter(matches);
  return { data: after.slice(0, page.limit), hasMore: after.length > page.limit };
}
