import { createEnvelope, type Provider, type SyncRequested, Topics } from '@subsync/domain';
import type { MessageGroup } from '@subsync/messaging';

/**
 * One Kafka message group holding a sync request, as the consumer hands it to a provider
 * service's runner: what the use case specs feed `SyncRunner.run`.
 */
export function syncRequestGroup(
  provider: Provider,
  ref: string,
  scope: SyncRequested['scope'] = 'subscription',
): MessageGroup<SyncRequested> {
  const envelope = createEnvelope({
    topic: Topics.syncRequested,
    source: 'spec',
    now: new Date(),
    data: { provider, scope, ref, trigger: 'api' as const },
  });
  return {
    key: `${provider}:${ref}`,
    messages: [
      { envelope, topic: Topics.syncRequested, partition: 0, offset: '0', key: ref, headers: {} },
    ],
  };
}
