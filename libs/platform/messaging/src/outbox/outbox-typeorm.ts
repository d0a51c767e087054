import type { EntityManager } from 'typeorm';
import { messageKey, type Envelope, type Topic, type TopicData } from '@subsync/domain';
import { markCorrelationId, traceHeaders } from '@subsync/tracing';
import { MESSAGE_HEADERS } from '../kafka/message-headers';

/**
 * A message as its outbox row holds it, known to the writer that queued it: after the commit the
 * relay publishes it from this, without reading the row back.
 */
export interface OutboxMessage {
  messageId: string;
  /** The registry's topic name (the relay adds the namespace's prefix). */
  topic: string;
  key: string;
  /** The envelope as JSON text, as it goes on the wire. */
  payload: string;
  headers: Record<string, string>;
}

/** The `INSERT` that queues messages, and the messages it queues. */
export interface OutboxInsert {
  sql: string;
  parameters: unknown[];
  messages: OutboxMessage[];
}

/**
 * Writes messages to the outbox table inside the caller's transaction, so a message exists
 * exactly when the change it announces was committed.
 */
export class OutboxTypeOrm {
  private readonly listeners = new Set<(messages: readonly OutboxMessage[]) => void>();

  constructor(private readonly producer: string) {}

  /** Queues a message; once the transaction commits, hand what it returns to {@link notifyCommitted}. */
  enqueue<T extends Topic>(
    manager: EntityManager,
    topic: T,
    envelope: Envelope<TopicData[T]>,
  ): Promise<OutboxMessage[]> {
    return this.enqueueAll(manager, topic, [envelope]);
  }

  /** Queues several messages of one topic in one statement. */
  async enqueueAll<T extends Topic>(
    manager: EntityManager,
    topic: T,
    envelopes: readonly Envelope<TopicData[T]>[],
  ): Promise<OutboxMessage[]> {
    if (envelopes.length === 0) return [];
    const insert = this.insertOf(topic, envelopes, 1);
    await manager.query(insert.sql, insert.parameters);
    return insert.messages;
  }

  /**
   * The `INSERT` that queues the messages, its parameters numbered from `$first`, to run alone or
   * inside a larger statement (the caller's transaction, or one statement of its own).
   */
  insertOf<T extends Topic>(
    topic: T,
    envelopes: readonly Envelope<TopicData[T]>[],
    first: number,
  ): OutboxInsert {
    // The row keeps the trace context it was written in: the relay publishes it later, from
    // no request at all, and continues that trace from it.
    const trace = traceHeaders();
    if (envelopes.length > 0) markCorrelationId(envelopes[0]!.correlationId);
    // The rows as one JSON parameter, each envelope nested as it is. As array parameters
    // (`$n::jsonb[]`) every envelope was stringified and then escaped again by the pg driver while
    // it built the array literal in JavaScript, a large share of the garbage a sync made.
    // Each envelope is stringified once: that text is the row's payload and, published straight
    // after the commit, the record's value.
    const messages = envelopes.map((envelope): OutboxMessage => ({
      messageId: envelope.id,
      topic,
      key: messageKey(topic, envelope.data),
      payload: JSON.stringify(envelope),
      headers: {
        ...trace,
        [MESSAGE_HEADERS.messageId]: envelope.id,
        [MESSAGE_HEADERS.correlationId]: envelope.correlationId,
      },
    }));
    const rows = messages.map(
      (message) =>
        `{"id":${JSON.stringify(message.messageId)},"key":${JSON.stringify(message.key)},` +
        `"payload":${message.payload},"headers":${JSON.stringify(message.headers)}}`,
    );
    return {
      sql: `INSERT INTO outbox (message_id, producer, topic, key, payload, headers)
            SELECT m.id, $${first}, $${first + 1}, m.key, m.payload, m.headers
              FROM json_to_recordset($${first + 2}::json)
                AS m(id uuid, key text, payload jsonb, headers jsonb)`,
      parameters: [this.producer, topic, `[${rows.join(',')}]`],
      messages,
    };
  }

  /** Lets the relay publish right after a commit instead of waiting for its next poll. */
  onCommitted(listener: (messages: readonly OutboxMessage[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Called once a transaction that queued `messages` has committed (never before: a message
   * published for a transaction that then rolls back would announce a change that never was).
   */
  notifyCommitted(messages: readonly OutboxMessage[]): void {
    for (const listener of this.listeners) listener(messages);
  }
}
