import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Where `npm run build` puts the console: dist/console, next to dist/apps. */
export function consoleDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.CONSOLE_DIR ?? resolve(__dirname, '..', '..', '..', '..', 'console');
}

export function consoleIndexFile(directory: string): string | null {
  const index = join(directory, 'index.html');
  return existsSync(index) ? index : null;
}

/**
 * Serves the console's files under /console. Hashed bundles are cached for good; index.html is
 * served by ConsoleController for every page path, so deep links and reloads work.
 */
export function serveConsoleAssets(app: NestExpressApplication, directory: string): void {
  app.useStaticAssets(directory, {
    prefix: '/console/',
    index: false,
    fallthrough: true,
    setHeaders: (response: ServerResponse, path: string) => {
      response.setHeader(
        'Cache-Control',
        path.includes(`${join(directory, 'assets')}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
}
