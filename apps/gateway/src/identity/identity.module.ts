import { type DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TokenRules } from '@subsync/config';
import { authProvidersIn } from './auth-provider.lookup';
import { IdTokenVerifier, remoteKeySet } from './id-token.verifier';
import { LoginController } from './login.controller';
import { RecordLoginService } from './record-login.service';

@Module({})
export class IdentityModule {
  static register(tokenRules: TokenRules): DynamicModule {
    return {
      module: IdentityModule,
      controllers: [LoginController],
      providers: [
        {
          // A singleton: it holds the JWKS caches.
          provide: IdTokenVerifier,
          useFactory: (dataSource: DataSource) =>
            new IdTokenVerifier(authProvidersIn(dataSource), remoteKeySet, tokenRules),
          inject: [DataSource],
        },
        RecordLoginService,
      ],
    };
  }
}
