import type { EntityManager } from 'typeorm';

/**
 * Deletes `producer`'s rows published more than `retentionMinutes` ago; returns how many. Rows
 * not yet published are kept however old they are.
 */
export async function deletePublishedOutboxRows(
  manager: EntityManager,
  producer: string,
  retentionMinutes: number,
): Promise<number> {
  const [, deleted]: [unknown[], number] = await manager.query(
    `DELETE FROM outbox WHERE producer = $1 AND sent_at < now() - make_interval(mins => $2)`,
    [producer, retentionMinutes],
  );
  return deleted;
}
