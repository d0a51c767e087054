/**
 * Where a deployment's topics and consumer groups live on a shared broker: `KAFKA_TOPIC_PREFIX`
 * in front of every name. The rest of the code (handlers, inbox, outbox rows, Events, the
 * dead-letter headers) speaks the registry's logical names; only the kafkajs adapters translate,
 * on the way out with `topic`/`group` and on the way in with `logicalTopic`.
 */
export class KafkaNamespace {
  constructor(readonly prefix: string) {}

  /** The topic on the broker for a registry name, e.g. `e2e-3f9a.sync.requested.v1`. */
  topic(logical: string): string {
    return `${this.prefix}${logical}`;
  }

  /** The registry name of a topic on the broker; only this namespace's topics are ever read. */
  logicalTopic(physical: string): string {
    if (!physical.startsWith(this.prefix)) {
      throw new Error(`topic ${physical} is outside the namespace '${this.prefix}'`);
    }
    return physical.slice(this.prefix.length);
  }

  /** The consumer group on the broker, so groups of two namespaces never share offsets. */
  group(logical: string): string {
    return `${this.prefix}${logical}`;
  }
}

/** No prefix: the names of the contract, as a deployment of its own sees them. */
export const UNPREFIXED = new KafkaNamespace('');
