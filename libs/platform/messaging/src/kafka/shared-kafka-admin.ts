import type { Admin, Kafka } from 'kafkajs';

/**
 * One Kafka admin client per process, connected on first use and kept: health checks and the
 * consumer-lag readings reuse its connections instead of opening new ones for every call. A
 * call that fails drops the client (its connections may be dead); the next call connects anew.
 */
export class SharedKafkaAdmin {
  private admin?: Promise<Admin>;
  private closed = false;

  constructor(private readonly kafka: Kafka) {}

  async use<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('the Kafka admin client is closed');
    const connecting = (this.admin ??= this.connect());
    try {
      return await work(await connecting);
    } catch (error) {
      if (this.admin === connecting) this.admin = undefined;
      void connecting.then((admin) => admin.disconnect()).catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const connecting = this.admin;
    this.admin = undefined;
    await connecting?.then((admin) => admin.disconnect()).catch(() => undefined);
  }

  private async connect(): Promise<Admin> {
    // No retries: a health check wants to know now, and the next check tries again anyway.
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    await admin.connect();
    return admin;
  }
}
