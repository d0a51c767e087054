import type { EntityManager } from 'typeorm';

/**
 * The idempotent-consumer table. A handler claims a message id inside the transaction that
 * applies its effects: a redelivered message finds its id taken and changes nothing twice.
 */
export class InboxTypeOrm {
  constructor(private readonly consumer: string) {}

  /** A cheap check before slow work (such as upstream calls); `claim` is what really guards. */
  async isProcessed(manager: EntityManager, messageId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM inbox WHERE consumer = $1 AND message_id = $2',
      [this.consumer, messageId],
    );
    return rows.length > 0;
  }

  /** Returns false when the message was already processed; call it inside the transaction. */
  async claim(manager: EntityManager, messageId: string, topic: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO inbox (consumer, message_id, topic) VALUES ($1, $2, $3)
       ON CONFLICT (consumer, message_id) DO NOTHING RETURNING message_id`,
      [this.consumer, messageId, topic],
    );
    return rows.length === 1;
  }
}
