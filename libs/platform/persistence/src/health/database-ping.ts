import type { DataSource } from 'typeorm';

/** Whether PostgreSQL answers: health checks ask it. */
export interface DatabasePing {
  /** Resolves true when PostgreSQL answered; rejects with the reason when it did not. */
  answers(): Promise<boolean>;
}

export class DatabasePingTypeOrm implements DatabasePing {
  constructor(private readonly dataSource: DataSource) {}

  async answers(): Promise<boolean> {
    await this.dataSource.query('SELECT 1');
    return true;
  }
}
