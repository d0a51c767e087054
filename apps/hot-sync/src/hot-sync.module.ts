import { Module } from '@nestjs/common';
import { IdentityLoginController } from './login/identity-login.controller';

@Module({ controllers: [IdentityLoginController] })
export class HotSyncModule {}
