import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { readGatewayConfig } from '@subsync/config';
import { Readiness, type ServiceRuntime, ServiceRuntimeModule } from '@subsync/messaging';
import { GatewayModule } from '../gateway.module';
import { openApiDocument } from './openapi-document';

export const OPENAPI_DOCUMENT_FILE = 'docs/openapi/openapi.json';
export const CONSOLE_API_TYPES_FILE = 'apps/console/src/api/api-types.generated.ts';

const BANNER = `// Generated from ${OPENAPI_DOCUMENT_FILE} by openapi-typescript (\`npm run build\`): do not edit.
// Change the gateway's views (apps/gateway/src/docs/view-schemas.ts) instead.
`;

/**
 * The gateway's OpenAPI document and the console's API types made from it, by path from the repository root.
 * Preview mode builds Nest's module graph without instantiating anything, so no database, Kafka
 * or upstream is needed: the routes come from the controllers' metadata alone.
 */
export async function openApiFiles(): Promise<Record<string, string>> {
  // Preview mode reads none of the runtime's parts; they only have to exist for the graph.
  const absent = new Proxy({}, { get: () => null }) as ServiceRuntime;
  @Module({
    imports: [
      ServiceRuntimeModule.forRoot(absent),
      GatewayModule.register(readGatewayConfig({ AUTH_DEV_MODE: 'true' }), new Readiness({})),
    ],
  })
  class PreviewModule {}
  const app = await NestFactory.create(PreviewModule, {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  let document: OpenAPIObject;
  try {
    document = openApiDocument(app);
  } finally {
    await app.close();
  }
  const json = `${JSON.stringify(document, null, 2)}\n`;
  // Typed from the file's own text, so the types match what is checked in to the letter.
  const types = typesOf(json);
  return {
    [OPENAPI_DOCUMENT_FILE]: json,
    [CONSOLE_API_TYPES_FILE]: BANNER + types,
  };
}

/**
 * openapi-typescript is an ES module with ES-only dependencies, which Jest cannot load; its own
 * command line, in a Node process of its own, serves the build and the unit test alike. Its output
 * is left as it writes it (the generated files are in .prettierignore): Prettier cannot run
 * under Jest either.
 */
function typesOf(document: string): string {
  const cli = join(dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js');
  const result = spawnSync(process.execPath, [cli], { input: document, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`openapi-typescript failed: ${result.error?.message ?? result.stderr}`);
  }
  return result.stdout;
}
