import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';
import { RETRY_AFTER_SECONDS } from '../http/dependency-unavailable';

type Check = 'up' | 'down';

@ApiTags('Operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: '200 when PostgreSQL and Kafka answer, 503 otherwise' })
  async health(
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ status: string; checks: Record<string, Check> }> {
    const [database, kafka] = await Promise.all([this.checkDatabase(), this.checkKafka()]);
    const healthy = database === 'up' && kafka === 'up';
    response.status(healthy ? 200 : 503);
    if (!healthy) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    return { status: healthy ? 'ok' : 'unavailable', checks: { database, kafka } };
  }

  private async checkDatabase(): Promise<Check> {
    return withTimeout(this.dataSource.query('SELECT 1').then(() => 'up' as const));
  }

  private async checkKafka(): Promise<Check> {
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    return withTimeout(
      admin
        .connect()
        .then(() => admin.describeCluster())
        .then(() => 'up' as const)
        .finally(() => void admin.disconnect().catch(() => undefined)),
    );
  }
}

async function withTimeout(check: Promise<Check>, ms = 3_000): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Check>((resolve) => {
    timer = setTimeout(() => resolve('down'), ms);
  });
  try {
    return await Promise.race([check.catch(() => 'down' as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
