import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit, readInfraConfig, readOpsHttpConfig } from '@subsync/config';
import type { TopicRouting } from '../kafka/inbound-message';
import { KafkaSyncServer } from '../kafka/kafka-sync.server';
import { PassThroughRpcFilter } from '../nest/pass-through-rpc.filter';
import { announceReady } from './announce-ready';
import { closeOnSignals } from '@subsync/runtime';
import { stopTracing } from '@subsync/tracing';
import { createServiceRuntime } from './create-service-runtime';
import { loggerModule } from './logger.module';
import { startOpsHttpServer } from './ops-http.server';
import { databaseAnswers, Readiness } from './readiness';
import { type ServiceRuntime, ServiceRuntimeModule } from './service-runtime.module';

/** What a service is made of, once its runtime (database, Kafka, inbox, outbox) exists. */
export interface ConsumerServiceParts {
  module: Type | DynamicModule;
  /** Per topic: records to skip unparsed and what to order messages by. */
  routing?: Partial<Record<string, TopicRouting>>;
}

export interface ConsumerServiceSpec {
  /** Service name: the Kafka client id, the outbox producer, and the log `service` field. */
  name: string;
  /** Consumer group (KAFKA_TOPIC_PREFIX goes in front); every instance of the service shares it. */
  groupId: string;
  /** Ordering keys handled at once (see KafkaSyncServer); default 16. */
  maxInFlight?: number;
  parts: (runtime: ServiceRuntime) => ConsumerServiceParts;
}

/**
 * Starts a provider service: configuration, migrations, its `/metrics` and `/health/*`
 * listener, the outbox relay, and a Nest microservice whose `@EventPattern` handlers run on
 * {@link KafkaSyncServer}. SIGTERM/SIGINT finish messages in flight before the process exits.
 */
export async function bootstrapConsumerService(spec: ConsumerServiceSpec): Promise<void> {
  const infra = loadConfigOrExit(() => readInfraConfig(process.env));
  const ops = loadConfigOrExit(() => readOpsHttpConfig(process.env, spec.name));
  const runtime = await createServiceRuntime(spec.name, infra);
  const parts = spec.parts(runtime);
  const server = new KafkaSyncServer({
    kafka: runtime.kafka,
    namespace: runtime.namespace,
    topics: runtime.topics,
    groupId: spec.groupId,
    sessionTimeoutMs: infra.kafkaSessionTimeoutMs,
    admin: runtime.admin,
    ...(spec.maxInFlight === undefined ? {} : { maxInFlight: spec.maxInFlight }),
    ...(parts.routing === undefined ? {} : { routing: parts.routing }),
  });

  @Module({
    imports: [
      loggerModule(spec.name, infra.logLevel),
      ServiceRuntimeModule.forRoot(runtime),
      parts.module,
    ],
  })
  class RootModule {}

  const app = await NestFactory.createMicroservice(RootModule, {
    strategy: server,
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.useGlobalFilters(new PassThroughRpcFilter());
  // Up before the consumer joins (which can take a while): live at once, ready once it has.
  const opsServer = await startOpsHttpServer({
    ...ops,
    readiness: new Readiness({
      database: databaseAnswers(runtime.dataSource),
      consumer: () => server.joined,
      outbox: () => runtime.relay.running,
    }),
  });
  await runtime.relay.start();
  await app.listen();
  closeOnSignals(
    {
      close: async () => {
        await app.close();
        await opsServer.close();
      },
    },
    logger,
    stopTracing,
  );
  announceReady(
    spec.name,
    `${spec.name} ready (metrics and health on http://${ops.host}:${opsServer.port})`,
  );
}

/** Entry point of a provider service's `main.ts`: a failed start prints why and exits 1. */
export function runConsumerService(spec: ConsumerServiceSpec): void {
  bootstrapConsumerService(spec).catch((error: unknown) => {
    process.stderr.write(
      `${spec.name} failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  });
}
