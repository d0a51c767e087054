import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { viewSchemaComponents } from './view-schemas';

/** The gateway's OpenAPI document: its routes, and the views they answer with as schemas. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('subsync')
      .setDescription('Keeps the platform copy of subscriptions true to Zuora and Stripe.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addBasicAuth({
        type: 'http',
        scheme: 'basic',
        description: 'Zuora callouts: CALLOUT_USERNAME / CALLOUT_PASSWORD',
      })
      .build(),
  );
  // The views are zod schemas, which Nest's scanner cannot see; the routes `$ref` them by name.
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...viewSchemaComponents() },
  };
  return document;
}
