import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type CheckState, Readiness, SharedKafkaAdmin, stateWithin } from '@subsync/messaging';
import { DATABASE_PING, type DatabasePing } from '@subsync/persistence';
import { Public } from '../auth/public.decorator';
import { GATEWAY_READINESS } from '../gateway.tokens';
import { RETRY_AFTER_SECONDS } from '../http/dependency-unavailable';

@ApiTags('Operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE_PING) private readonly database: DatabasePing,
    private readonly admin: SharedKafkaAdmin,
    @Inject(GATEWAY_READINESS) private readonly readiness: Readiness,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: '200 when PostgreSQL and Kafka answer, 503 otherwise' })
  async health(
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ status: string; checks: Record<string, CheckState> }> {
    const [database, kafka] = await Promise.all([
      stateWithin(() => this.database.answers(), 3_000),
      // The process's one admin connection: a check costs Kafka a metadata request, not a login.
      stateWithin(() => this.admin.use((admin) => admin.describeCluster()).then(() => true), 3_000),
    ]);
    const healthy = database === 'up' && kafka === 'up';
    unavailableUnless(healthy, response);
    return { status: healthy ? 'ok' : 'unavailable', checks: { database, kafka } };
  }

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: 200 while the process answers' })
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: 200 when PostgreSQL answers, the Kafka consumer is in its group and the outbox relay runs; 503 otherwise',
  })
  async ready(
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ status: string; checks: Record<string, CheckState> }> {
    const { ready, checks } = await this.readiness.check();
    unavailableUnless(ready, response);
    return { status: ready ? 'ok' : 'unavailable', checks };
  }
}

function unavailableUnless(up: boolean, response: Response): void {
  response.status(up ? 200 : 503);
  if (!up) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
}
