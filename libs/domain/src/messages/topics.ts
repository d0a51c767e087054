// The one registry of Kafka topics. Every producer and consumer names topics through it.
export const Topics = {
  syncRequested: 'sync.requested.v1',
  identityLogin: 'identity.login.v1',
  syncCompleted: 'sync.completed.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);

/** Where a message that can never be processed is parked, with provenance headers. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlt`;
}

/** The envelope `type` is the topic name without its version suffix. */
export function envelopeType(topic: Topic): string {
  return topic.replace(/\.v\d+$/, '');
}
