import { type DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TokenRules } from '@subsync/config';
import { SecretSealer } from '@subsync/persistence';
import { authProvidersIn } from './auth-provider.lookup';
import { IdTokenVerifier, remoteKeySet } from './id-token.verifier';
import { publicKeySet } from './jwks-address.policy';
import { LoginController } from './login.controller';
import { RecordLoginService } from './record-login.service';

@Module({})
export class IdentityModule {
  /** `allowPrivateJwks`: AUTH_ALLOW_PRIVATE_JWKS, key sets on loopback or private addresses. */
  static register(tokenRules: TokenRules, allowPrivateJwks: boolean): DynamicModule {
    return {
      module: IdentityModule,
      controllers: [LoginController],
      providers: [
        {
          // A singleton: it holds the JWKS caches.
          provide: IdTokenVerifier,
          useFactory: (dataSource: DataSource, sealer: SecretSealer) =>
            new IdTokenVerifier(
              authProvidersIn(dataSource, sealer),
              allowPrivateJwks ? remoteKeySet : publicKeySet,
              tokenRules,
            ),
          inject: [DataSource, SecretSealer],
        },
        RecordLoginService,
      ],
    };
  }
}
