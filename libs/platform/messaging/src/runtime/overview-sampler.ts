import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  EMPTY_OVERVIEW_READING,
  type OverviewReading,
  overviewSample,
  readOverview,
} from '@subsync/metrics';

export interface OverviewSamplerOptions {
  service: string;
  intervalMs: number;
  /** Hours a sample is kept; the overview shows at most this far back. */
  retentionHours?: number;
}

export const METRIC_SAMPLES_RETENTION_HOURS = 24;
const CLEANUP_EVERY_MS = 10 * 60_000;

/**
 * Writes what this process's overview metrics gained since its previous sample to
 * `metric_samples`, every `intervalMs`. The gateway sums the samples of every process, so the
 * console's charts need no network path to the workers and count each instance once.
 */
export class OverviewSampler {
  private readonly logger = new Logger(OverviewSampler.name);
  private readonly process = randomUUID();
  /** What the last stored sample counted up to; a failed write leaves it, so nothing is lost. */
  private stored: OverviewReading = EMPTY_OVERVIEW_READING;
  private timer?: NodeJS.Timeout;
  private writing?: Promise<void>;
  private lastCleanup = 0;
  private warned = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: OverviewSamplerOptions,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sampleOnce(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops sampling after one last sample, so what the process did last is not lost. */
  async stop(): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sampleOnce();
  }

  /** Takes and stores one sample; never throws (a failure is retried by the next one). */
  sampleOnce(): Promise<void> {
    this.writing ??= this.write().finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  private async write(): Promise<void> {
    try {
      const reading = await readOverview();
      await this.dataSource.query(
        `INSERT INTO metric_samples (taken_at, service, process, sample)
         VALUES (clock_timestamp(), $1, $2, $3)`,
        [this.options.service, this.process, JSON.stringify(overviewSample(this.stored, reading))],
      );
      this.stored = reading;
      this.warned = false;
      await this.cleanUp();
    } catch (error) {
      if (!this.warned) this.logger.warn(`metric sample not stored, retrying: ${String(error)}`);
      this.warned = true;
    }
  }

  private async cleanUp(): Promise<void> {
    const now = Date.now();
    if (now - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = now;
    const hours = this.options.retentionHours ?? METRIC_SAMPLES_RETENTION_HOURS;
    await this.dataSource.query(
      `DELETE FROM metric_samples WHERE taken_at < clock_timestamp() - make_interval(hours => $1)`,
      [hours],
    );
  }
}
