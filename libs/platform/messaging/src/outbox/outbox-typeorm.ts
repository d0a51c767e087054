import type { EntityManager } from 'typeorm';
import { messageKey, type Envelope, type Topic, type TopicData } from '@subsync/domain';
import { markCorrelationId, traceHeaders } from '@subsync/tracing';
import { MESSAGE_HEADERS } from '../kafka/message-headers';

/**
 * Writes messages to the outbox table inside the caller's transaction, so a message exists
 * exactly when the change it announces was committed.
 */
export class OutboxTypeOrm {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly producer: string) {}

  enqueue<T extends Topic>(
    manager: EntityManager,
    topic: T,
    envelope: Envelope<TopicData[T]>,
  ): Promise<void> {
    return this.enqueueAll(manager, topic, [envelope]);
  }

  /** Queues several messages of one topic in one statement. */
  async enqueueAll<T extends Topic>(
    manager: EntityManager,
    topic: T,
    envelopes: readonly Envelope<TopicData[T]>[],
  ): Promise<void> {
    if (envelopes.length === 0) return;
    const insert = this.insertOf(topic, envelopes, 1);
    await manager.query(insert.sql, insert.parameters);
  }

  /**
   * The `INSERT` that queues the messages, its parameters numbered from `$first`, to run alone or
   * inside a larger statement (the caller's transaction, or one statement of its own).
   */
  insertOf<T extends Topic>(
    topic: T,
    envelopes: readonly Envelope<TopicData[T]>[],
    first: number,
  ): { sql: string; parameters: unknown[] } {
    // The row keeps the trace context it was written in: the relay publishes it later, from
    // no request at all, and continues that trace from it.
    const trace = traceHeaders();
    if (envelopes.length > 0) markCorrelationId(envelopes[0]!.correlationId);
    // The rows as one JSON parameter, each envelope nested as it is. As array parameters
    // (`$n::jsonb[]`) every envelope was stringified and then escaped again by the pg driver while
    // it built the array literal in JavaScript, a large share of the garbage a sync made.
    const rows = envelopes.map((envelope) => ({
      id: envelope.id,
      key: messageKey(topic, envelope.data),
      payload: envelope,
      headers: {
        ...trace,
        [MESSAGE_HEADERS.messageId]: envelope.id,
        [MESSAGE_HEADERS.correlationId]: envelope.correlationId,
      },
    }));
    return {
      sql: `INSERT INTO outbox (message_id, producer, topic, key, payload, headers)
            SELECT m.id, $${first}, $${first + 1}, m.key, m.payload, m.headers
              FROM json_to_recordset($${first + 2}::json)
                AS m(id uuid, key text, payload jsonb, headers jsonb)`,
      parameters: [this.producer, topic, JSON.stringify(rows)],
    };
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
