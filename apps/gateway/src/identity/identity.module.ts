import { type DynamicModule, Module } from '@nestjs/common';
import type { TokenRules } from '@subsync/config';
import { AUTH_PROVIDERS, type AuthProviders, SecretSealer } from '@subsync/persistence';
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
          useFactory: (providers: AuthProviders, sealer: SecretSealer) =>
            new IdTokenVerifier(
              authProvidersIn(providers, sealer),
              allowPrivateJwks ? remoteKeySet : publicKeySet,
              tokenRules,
            ),
          inject: [AUTH_PROVIDERS, SecretSealer],
        },
        RecordLoginService,
      ],
    };
  }
}
