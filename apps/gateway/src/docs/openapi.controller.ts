import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController, type OpenAPIObject } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';

export const OPENAPI_DOCUMENT = Symbol('OPENAPI_DOCUMENT');

/** Holds the document, which can only be generated once the app exists. */
export class OpenApiDocumentHolder {
  document?: OpenAPIObject;
}

@ApiExcludeController()
@Controller('api/docs')
export class OpenApiController {
  constructor(@Inject(OPENAPI_DOCUMENT) private readonly holder: OpenApiDocumentHolder) {}

  @Public()
  @Get()
  get(): OpenAPIObject | Record<string, never> {
    return this.holder.document ?? {};
  }
}
