import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { metricsExposition } from '@subsync/metrics';
import { Public } from '../auth/public.decorator';

/**
 * The gateway's Prometheus metrics. Public like `/health`, as scrapers expect: the series carry
 * counts and timings under bounded labels, never an id or a customer's data.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  @Public()
  @Get()
  async metrics(@Res() response: Response): Promise<void> {
    const { contentType, text } = await metricsExposition();
    response.status(200).type(contentType).setHeader('Cache-Control', 'no-store').send(text);
  }
}
