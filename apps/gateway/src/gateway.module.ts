import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { GatewayConfig } from '@subsync/config';
import {
  MESSAGE_RECORDER,
  MessageRecorderTypeOrm,
  type Readiness,
  SERVICE_RUNTIME,
  type ServiceRuntime,
} from '@subsync/messaging';
import { GatewayPersistenceModule, SecretSealer } from '@subsync/persistence';
import { STRIPE_EVENT_INTAKE, SYNC_REQUEST_PROVIDERS } from '@subsync/sync';
import { BackfillsController } from './backfills/backfills.controller';
import { BackfillsService } from './backfills/backfills.service';
import { CalloutCredentialsVerifier } from './auth/callout-credentials.verifier';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { SessionController } from './auth/session.controller';
import { CatalogModule } from './catalog/catalog.module';
import { TokenVerifier } from './auth/token-verifier';
import { AsyncApiController } from './docs/asyncapi.controller';
import {
  OPENAPI_DOCUMENT,
  OpenApiController,
  OpenApiDocumentHolder,
} from './docs/openapi.controller';
import { ConsoleController } from './console/console.controller';
import { DeadLetterIntakeService } from './dead-letters/dead-letter-intake.service';
import { EventReplayService } from './events/event-replay.service';
import { EventsController } from './events/events.controller';
import { GATEWAY_CONFIG, GATEWAY_READINESS } from './gateway.tokens';
import { HealthController } from './health/health.controller';
import { OverviewController } from './overview/overview.controller';
import { ProvidersController } from './providers/providers.controller';
import { MetricsController } from './health/metrics.controller';
import { IdentityModule } from './identity/identity.module';
import { FailureThrottle, Throttles } from './http/failure-throttle';
import { InputBoundaryMiddleware } from './http/input-boundary';
import { MessageExceptionFilter } from './http/message-exception.filter';
import { SettingsModule } from './settings/settings.module';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { RequestSyncService } from './sync/request-sync.service';
import { SyncCompletedListener } from './sync/sync-completed.listener';
import { SyncCompletionWaiter } from './sync/sync-completion.waiter';
import { StripeSyncController } from './sync/stripe-sync.controller';
import { SyncResponder } from './sync/sync-responder.service';
import { ZuoraSyncController } from './sync/zuora-sync.controller';
import { StripeWebhooksModule } from './webhooks/stripe/stripe-webhooks.module';

@Module({})
export class GatewayModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // After the body parsers, before every guard and handler.
    consumer.apply(InputBoundaryMiddleware).forRoutes('*path');
  }

  static register(config: GatewayConfig, readiness: Readiness) {
    return {
      module: GatewayModule,
      // Its feature modules (identity, settings) read the configuration too.
      global: true,
      exports: [GATEWAY_CONFIG, Throttles, SecretSealer, MESSAGE_RECORDER, STRIPE_EVENT_INTAKE],
      imports: [
        GatewayPersistenceModule,
        CatalogModule,
        SettingsModule,
        IdentityModule.register(config.tokenRules, config.allowPrivateJwks),
        StripeWebhooksModule.register(config.stripeWebhooks),
      ],
      controllers: [
        ZuoraSyncController,
        StripeSyncController,
        SubscriptionsController,
        EventsController,
        BackfillsController,
        HealthController,
        MetricsController,
        OpenApiController,
        AsyncApiController,
        ConsoleController,
        SessionController,
        OverviewController,
        ProvidersController,
        SyncCompletedListener,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: GATEWAY_READINESS, useValue: readiness },
        { provide: SecretSealer, useValue: new SecretSealer(config.secretsKeys) },
        { provide: TokenVerifier, useFactory: () => new TokenVerifier(config) },
        {
          provide: CalloutCredentialsVerifier,
          useFactory: () => new CalloutCredentialsVerifier(config.calloutCredentials),
        },
        {
          provide: Throttles,
          useValue: new Throttles(
            new FailureThrottle('failed logins', config.throttles.login),
            new FailureThrottle('failed callout authentications', config.throttles.callout),
          ),
        },
        { provide: OPENAPI_DOCUMENT, useValue: new OpenApiDocumentHolder() },
        {
          provide: MESSAGE_RECORDER,
          useFactory: ({ dataSource, outbox }: ServiceRuntime) =>
            new MessageRecorderTypeOrm(dataSource, outbox),
          inject: [SERVICE_RUNTIME],
        },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_FILTER, useClass: MessageExceptionFilter },
        ...SYNC_REQUEST_PROVIDERS,
        RequestSyncService,
        SyncResponder,
        SyncCompletionWaiter,
        EventReplayService,
        BackfillsService,
        DeadLetterIntakeService,
      ],
    };
  }
}
