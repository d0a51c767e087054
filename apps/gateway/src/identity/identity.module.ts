import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { authProvidersIn } from './auth-provider.lookup';
import { IdTokenVerifier } from './id-token.verifier';
import { LoginController } from './login.controller';
import { RecordLoginService } from './record-login.service';

@Module({
  controllers: [LoginController],
  providers: [
    {
      // A singleton: it holds the JWKS caches.
      provide: IdTokenVerifier,
      useFactory: (dataSource: DataSource) => new IdTokenVerifier(authProvidersIn(dataSource)),
      inject: [DataSource],
    },
    RecordLoginService,
  ],
})
export class IdentityModule {}
