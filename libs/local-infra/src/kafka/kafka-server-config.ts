export interface KafkaServerConfig {
  brokerPort: number;
  controllerPort: number;
  logDir: string;
}

/** Properties for a single-node KRaft cluster (combined broker + controller) on 127.0.0.1. */
export function renderServerProperties(config: KafkaServerConfig): string {
  const properties: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    listeners: `PLAINTEXT://127.0.0.1:${config.brokerPort},CONTROLLER://127.0.0.1:${config.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${config.brokerPort}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name': 'PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    // Dynamic quorum (KIP-853), matching `kafka-storage format --standalone`.
    'controller.quorum.bootstrap.servers': `127.0.0.1:${config.controllerPort}`,
    'log.dirs': config.logDir,
    // One broker: every internal topic must make do with one replica, or groups never get a
    // coordinator (kafkajs #1752) and transactions never start.
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 10,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    // Tests join groups constantly; the default 3 s delay would slow every one of them.
    'group.initial.rebalance.delay.ms': 0,
    'num.partitions': 3,
    'auto.create.topics.enable': true,
    'delete.topic.enable': true,
  };
  return `${Object.entries(properties)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('\n')}\n`;
}
