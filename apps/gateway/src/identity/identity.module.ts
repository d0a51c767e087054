import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { authProvidersIn } from './auth-provider.lookup';
import type { GatewayConfig } from '@subsync/config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { IdTokenVerifier, remoteKeySet } from './id-token.verifier';
import { publicKeySet } from './jwks-address.policy';
import { LoginController } from './login.controller';
import { RecordLoginService } from './record-login.service';

@Module({
  controllers: [LoginController],
  providers: [
    {
      // A singleton: it holds the JWKS caches.
      provide: IdTokenVerifier,
      useFactory: (dataSource: DataSource, config: GatewayConfig) =>
        new IdTokenVerifier(
          authProvidersIn(dataSource),
          config.allowPrivateJwks ? remoteKeySet : publicKeySet,
        ),
      inject: [DataSource, GATEWAY_CONFIG],
    },
    RecordLoginService,
  ],
})
export class IdentityModule {}
