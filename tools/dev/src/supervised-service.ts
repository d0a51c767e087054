import {
  startServiceProcess,
  type ServiceProcess,
  type ServiceProcessOptions,
} from '@subsync/local-infra';

/** Waits before a restart: 1 s, doubling up to 30 s; back to 1 s once a run lasted a minute. */
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
const STABLE_AFTER_MS = 60_000;

/**
 * A service process that `npm start` keeps running: when it exits unexpectedly it is started
 * again after a growing pause, as a process manager would do in production. Only a failed
 * first start stops everything (the configuration is wrong, and restarting would not help).
 */
export class SupervisedService {
  private current?: ServiceProcess;
  private stopped = false;
  private delayMs = FIRST_DELAY_MS;
  private restartTimer?: NodeJS.Timeout;

  private constructor(
    private readonly options: ServiceProcessOptions,
    private readonly say: (line: string) => void,
    private readonly shuttingDown: () => boolean,
  ) {}

  /**
   * `shuttingDown` tells an exit the whole system asked for (Ctrl-C reaches every process of the
   * group, so a service may exit before its turn to be stopped) from one to restart.
   */
  static async start(
    options: ServiceProcessOptions,
    say: (line: string) => void,
    shuttingDown: () => boolean = () => false,
  ): Promise<SupervisedService> {
    const supervised = new SupervisedService(options, say, shuttingDown);
    supervised.watch(await startServiceProcess(options));
    return supervised;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    await this.current?.stop();
  }

  private watch(service: ServiceProcess): void {
    this.current = service;
    const startedAt = Date.now();
    void service.exited.then((code) => {
      if (this.stopped || this.shuttingDown()) return;
      if (Date.now() - startedAt >= STABLE_AFTER_MS) this.delayMs = FIRST_DELAY_MS;
      const name = this.options.name;
      this.say(
        `${name} exited unexpectedly (code ${code}); restarting it in ${this.delayMs / 1000} s`,
      );
      this.restartTimer = setTimeout(() => void this.restart(), this.delayMs);
      this.delayMs = Math.min(this.delayMs * 2, MAX_DELAY_MS);
    });
  }

  private async restart(): Promise<void> {
    if (this.stopped || this.shuttingDown()) return;
    try {
      this.watch(await startServiceProcess(this.options));
      this.say(`${this.options.name} is running again`);
    } catch (error) {
      if (this.stopped) return;
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      this.say(
        `${this.options.name} did not start (${reason}); trying again in ${this.delayMs / 1000} s`,
      );
      this.restartTimer = setTimeout(() => void this.restart(), this.delayMs);
      this.delayMs = Math.min(this.delayMs * 2, MAX_DELAY_MS);
    }
  }
}
