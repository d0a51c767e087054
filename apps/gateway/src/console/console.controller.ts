import { Controller, Get, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/public.decorator';
import { consoleDirectory, consoleIndexFile } from './console-assets';

const CONSOLE_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The operator console's page. The page itself is public; everything it shows comes from the
 * API, which asks for the same bearer token as any other caller.
 */
@ApiExcludeController()
@Public()
@Controller('console')
export class ConsoleController {
  private readonly directory = consoleDirectory();

  @Get()
  root(@Req() request: Request, @Res() response: Response): void {
    // Express matches /console and /console/ alike; the page wants the trailing slash.
    if (request.originalUrl.split('?')[0]?.endsWith('/')) return this.page(response);
    response.redirect(308, '/console/');
  }

  @Get('*path')
  page(@Res() response: Response): void {
    const index = consoleIndexFile(this.directory);
    if (index === null) {
      throw new ServiceUnavailableException(
        `The console is not built (no index.html in ${this.directory}); run npm run build`,
      );
    }
    response.setHeader('Cache-Control', 'no-cache');
    // The page only ever loads its own files and talks to this origin; the token it holds
    // must not leak to another site or frame.
    response.setHeader('Content-Security-Policy', CONSOLE_CSP);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.sendFile(index);
  }
}
