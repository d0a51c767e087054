import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SupervisedService } from './supervised-service';

// A service that says it is ready, then exits on its own shortly after, as a crash would.
const SHORT_LIVED = "console.log('flaky ready'); setTimeout(() => process.exit(0), 200);\n";

describe('SupervisedService', () => {
  let dir: string;
  let script: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'supervised-'));
    script = join(dir, 'flaky.js');
    await writeFile(script, SHORT_LIVED);
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  function options() {
    return { name: 'flaky', script, readyWhen: (line: string) => line.includes('flaky ready') };
  }

  it('restarts a service that exits while the system runs', async () => {
    const said: string[] = [];
    const service = await SupervisedService.start(options(), (line) => said.push(line));
    try {
      await sleep(2_000);
    } finally {
      await service.stop();
    }

    expect(said[0]).toBe('flaky exited unexpectedly (code 0); restarting it in 1 s');
    expect(said).toContain('flaky is running again');
  });

  it('neither restarts nor calls an exit unexpected once the system is shutting down', async () => {
    const said: string[] = [];
    let shuttingDown = false;
    const service = await SupervisedService.start(
      options(),
      (line) => said.push(line),
      () => shuttingDown,
    );
    shuttingDown = true;
    try {
      await sleep(1_500);
    } finally {
      await service.stop();
    }

    expect(said).toEqual([]);
  });
});
