import { Module } from '@nestjs/common';
import { AuthProvidersController } from './auth-providers.controller';
import { ProviderSecretsResealer } from './provider-secrets.resealer';
import { ZuoraSettingsController } from './zuora-settings.controller';

@Module({
  controllers: [ZuoraSettingsController, AuthProvidersController],
  providers: [ProviderSecretsResealer],
})
export class SettingsModule {}
