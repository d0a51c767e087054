import { Controller, Get, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/public.decorator';
import { consoleDirectory, consoleIndexFile } from './console-assets';

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
    // Its CSP, like every console path's, comes from securityHeaders (http/security-headers.ts).
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  }
}
