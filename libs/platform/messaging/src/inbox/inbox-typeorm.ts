import type { EntityManager } from 'typeorm';

/**
 * The idempotent-consumer table. A handler claims message ids inside the transaction that
 * applies their effects: a redelivered message finds its id taken and changes nothing twice.
 */
export class InboxTypeOrm {
  /** `consumer` names whose inbox it is: the service, shared by all its instances. */
  constructor(readonly consumer: string) {}

  /** A cheap check before slow work (such as upstream calls); `claim` is what really guards. */
  async isProcessed(manager: EntityManager, messageId: string): Promise<boolean> {
    return (await this.processedAmong(manager, [messageId])).processed.has(messageId);
  }

  /**
   * Which of `messageIds` were processed already, and the database's clock at the time of the
   * check (for telling whether another writer committed after it), in one round trip.
   */
  async processedAmong(
    manager: EntityManager,
    messageIds: readonly string[],
  ): Promise<{ processed: Set<string>; checkedAt: Date }> {
    const rows: { message_id: string | null; checked_at: Date }[] = await manager.query(
      `SELECT i.message_id, clock_timestamp() AS checked_at
         FROM (SELECT 1) AS one
         LEFT JOIN inbox i ON i.consumer = $1 AND i.message_id = ANY($2::uuid[])`,
      [this.consumer, messageIds],
    );
    return {
      processed: new Set(rows.flatMap((row) => (row.message_id === null ? [] : [row.message_id]))),
      checkedAt: rows[0]!.checked_at,
    };
  }

  /** Returns false when the message was already processed; call it inside the transaction. */
  async claim(manager: EntityManager, messageId: string, topic: string): Promise<boolean> {
    return (await this.claimAll(manager, [messageId], topic)).claimed.has(messageId);
  }

  /**
   * Claims every id not processed yet, inside the caller's transaction, and returns them with
   * the transaction's start time on the database's clock.
   */
  async claimAll(
    manager: EntityManager,
    messageIds: readonly string[],
    topic: string,
  ): Promise<{ claimed: Set<string>; transactionStartedAt: Date | null }> {
    const rows: { message_id: string; started_at: Date }[] = await manager.query(
      `INSERT INTO inbox (consumer, message_id, topic)
       SELECT $1, id, $3 FROM unnest($2::uuid[]) AS ids(id)
       ON CONFLICT (consumer, message_id) DO NOTHING
       RETURNING message_id, now() AS started_at`,
      [this.consumer, messageIds, topic],
    );
    return {
      claimed: new Set(rows.map((row) => row.message_id)),
      transactionStartedAt: rows[0]?.started_at ?? null,
    };
  }

  /** Gives back claims made earlier in the same transaction, for messages that will be handled again. */
  async release(manager: EntityManager, messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await manager.query('DELETE FROM inbox WHERE consumer = $1 AND message_id = ANY($2::uuid[])', [
      this.consumer,
      messageIds,
    ]);
  }
}
