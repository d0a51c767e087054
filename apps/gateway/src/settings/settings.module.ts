import { Module } from '@nestjs/common';
import { AuthProvidersController } from './auth-providers.controller';
import { ZuoraSettingsController } from './zuora-settings.controller';

@Module({ controllers: [ZuoraSettingsController, AuthProvidersController] })
export class SettingsModule {}
