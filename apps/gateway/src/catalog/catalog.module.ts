import { Module } from '@nestjs/common';
import { ZuoraMappingsController } from './zuora-mappings.controller';

@Module({ controllers: [ZuoraMappingsController] })
export class CatalogModule {}
