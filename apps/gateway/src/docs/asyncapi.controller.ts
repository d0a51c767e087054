import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { asyncApiDocument } from '@subsync/messaging';
import { Public } from '../auth/public.decorator';

/** The AsyncAPI document of the Kafka topics, the same as docs/asyncapi/asyncapi.json. */
@ApiExcludeController()
@Controller('api/asyncapi')
export class AsyncApiController {
  private readonly document = asyncApiDocument();

  @Public()
  @Get()
  get(): Record<string, unknown> {
    return this.document;
  }
}
