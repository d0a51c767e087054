import type { EntityManager } from 'typeorm';
import { messageKey, type Envelope, type Topic, type TopicData } from '@subsync/domain';

/**
 * Writes messages to the outbox table inside the caller's transaction, so a message exists
 * exactly when the change it announces was committed.
 */
export class OutboxTypeOrm {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly producer: string) {}

  async enqueue<T extends Topic>(
    manager: EntityManager,
    topic: T,
    envelope: Envelope<TopicData[T]>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO outbox (message_id, producer, topic, key, payload, headers) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        envelope.id,
        this.producer,
        topic,
        messageKey(topic, envelope.data),
        JSON.stringify(envelope),
        JSON.stringify({ 'message-id': envelope.id, 'correlation-id': envelope.correlationId }),
      ],
    );
  }

  /** Lets the relay publish right after a commit instead of waiting for its next poll. */
  onCommitted(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notifyCommitted(): void {
    for (const listener of this.listeners) listener();
  }
}
