import './tracing';
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfigOrExit, readGatewayConfig, readInfraConfig } from '@subsync/config';
import {
  announceReady,
  createServiceRuntime,
  databaseAnswers,
  KafkaSyncServer,
  loggerModule,
  Readiness,
  ServiceRuntimeModule,
} from '@subsync/messaging';
import { closeOnSignals } from '@subsync/runtime';
import { stopTracing } from '@subsync/tracing';
import { openApiDocument } from './docs/openapi-document';
import { OPENAPI_DOCUMENT, type OpenApiDocumentHolder } from './docs/openapi.controller';
import { consoleDirectory, serveConsoleAssets } from './console/console-assets';
import { GatewayModule } from './gateway.module';
import { securityHeaders } from './http/security-headers';
import { keepTrying } from './runtime/keep-trying';
import { CALLOUT_BODY_LIMIT, XML_MEDIA_TYPES } from './sync/callout/callout-body.parser';
import {
  STRIPE_WEBHOOK_PATH,
  stripeWebhookBodyParser,
} from './webhooks/stripe/stripe-webhook-body';

async function bootstrap(): Promise<void> {
  const infra = loadConfigOrExit(() => readInfraConfig(process.env));
  const config = loadConfigOrExit(() => readGatewayConfig(process.env));
  const runtime = await createServiceRuntime('gateway', infra);
  // Each gateway instance hears every outcome, so its own group, starting at the end.
  const outcomes = new KafkaSyncServer({
    kafka: runtime.kafka,
    namespace: runtime.namespace,
    topics: runtime.topics,
    groupId: `subsync.gateway.${globalThis.crypto.randomUUID()}`,
    sessionTimeoutMs: infra.kafkaSessionTimeoutMs,
    fromBeginning: false,
    admin: runtime.admin,
  });
  const readiness = new Readiness({
    database: databaseAnswers(runtime.dataSource),
    consumer: () => outcomes.joined,
    outbox: () => runtime.relay.running,
  });

  @Module({
    imports: [
      loggerModule('gateway', infra.logLevel),
      ServiceRuntimeModule.forRoot(runtime),
      GatewayModule.register(config, readiness),
    ],
  })
  class RootModule {}

  // rawBody: Stripe signs the exact bytes it sends, so the webhook route verifies those.
  const app = await NestFactory.create<NestExpressApplication>(RootModule, {
    bufferLogs: true,
    rawBody: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.disable('x-powered-by');
  loadConfigOrExit(() => trustProxies(app, config.throttles.trustProxy));
  app.use(securityHeaders());
  // Legacy Zuora callouts post XML; it is parsed after authentication, so read it as text here.
  app.useBodyParser('text', { type: XML_MEDIA_TYPES, limit: CALLOUT_BODY_LIMIT });
  // Mounted before Nest's own parsers, which then leave the webhook's parsed body alone.
  app.use(STRIPE_WEBHOOK_PATH, stripeWebhookBodyParser());
  serveConsoleAssets(app, consoleDirectory());

  app.connectMicroservice({ strategy: outcomes }, { inheritAppConfig: false });

  const document = openApiDocument(app);
  app.get<OpenApiDocumentHolder>(OPENAPI_DOCUMENT).document = document;
  SwaggerModule.setup('api/docs/ui', app, document);

  // HTTP first: Kafka connections and group joins (slow after a crash, or while Kafka is away)
  // happen in the background; a synchronous sync still hears its outcome from the Events table.
  await app.listen(config.port, config.listenHost);
  const stopping = new AbortController();
  const warn = (what: string) => (reason: string) =>
    logger.warn(`${what} not started yet, retrying: ${reason}`);
  void keepTrying(() => runtime.relay.start(), stopping.signal, warn('outbox relay'));
  void keepTrying(
    async () => {
      await app.startAllMicroservices();
    },
    stopping.signal,
    warn('Kafka consumer'),
  );
  if (config.stripeWebhooks.secret === null) {
    logger.warn(
      `STRIPE_WEBHOOK_SECRET is unset: ${STRIPE_WEBHOOK_PATH} refuses Stripe events (503) until it is set.`,
    );
  }
  if (config.auth.kind === 'secret' && config.auth.isDevSecret) {
    logger.warn(
      'Dev mode (AUTH_DEV_MODE=true, AUTH_JWT_SECRET unset): accepting tokens signed with the public dev secret, on 127.0.0.1 only.',
    );
  }
  closeOnSignals(
    {
      close: () => {
        stopping.abort();
        return app.close();
      },
    },
    logger,
    stopTracing,
  );
  announceReady(
    'gateway',
    `gateway ready on http://127.0.0.1:${config.port} (console at /console/)`,
  );
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `gateway failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});

/** Throttles count per client address, so which proxies may name that address matters. */
function trustProxies(app: NestExpressApplication, setting: boolean | number | string): void {
  try {
    app.set('trust proxy', setting);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      'GATEWAY_TRUST_PROXY',
      `must be true, false, a hop count or proxy addresses/subnets (${reason})`,
    );
  }
}
