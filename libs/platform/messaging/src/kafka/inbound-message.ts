import type { Envelope } from '@subsync/domain';

/** A validated message, with where it came from. */
export interface InboundMessage<TData> {
  envelope: Envelope<TData>;
  topic: string;
  partition: number;
  offset: string;
  /** The Kafka key (never empty: a record without one is dead-lettered before it gets here). */
  key: string;
  headers: Record<string, string>;
}

/**
 * What an `@EventPattern` handler receives: the messages that waited for one ordering key,
 * oldest first. Messages of one key never reach two handler calls at once.
 */
export interface MessageGroup<TData> {
  key: string;
  messages: InboundMessage<TData>[];
}

/** How a service consumes one topic, beyond validating and handling its messages. */
export interface TopicRouting {
  /**
   * A check on the raw key before the value is even parsed: false means the record is another
   * service's work, and it is skipped.
   */
  accepts?: (key: string) => boolean;
  /** A check across the message's key and data that its schema cannot make; a reason dead-letters it. */
  validate?: (message: InboundMessage<unknown>) => string | null;
  /**
   * The key to order messages by, one per message, when it is not the Kafka key (for example
   * one key per subscription, however a message names it). Called once per fetched chunk.
   */
  orderingKeys?: (messages: InboundMessage<unknown>[]) => Promise<string[]>;
  /**
   * Whether a message is background work (a backfill, a sweep): it then waits while messages of
   * other keys that are not are ready, so live requests overtake a backlog. Default: none is.
   */
  background?: (message: InboundMessage<unknown>) => boolean;
}
