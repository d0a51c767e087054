import { Readiness } from './readiness';

describe('Readiness', () => {
  it('is ready when every check is up', async () => {
    const readiness = new Readiness({
      database: () => Promise.resolve(true),
      consumer: () => true,
    });
    expect(await readiness.check()).toEqual({
      ready: true,
      checks: { database: 'up', consumer: 'up' },
    });
  });

  it('counts a false, a failure and a check that hangs past the limit as down', async () => {
    const readiness = new Readiness(
      {
        consumer: () => false,
        database: () => Promise.reject(new Error('connection refused')),
        outbox: () => new Promise<boolean>(() => undefined),
        kafka: () => true,
      },
      50,
    );
    expect(await readiness.check()).toEqual({
      ready: false,
      checks: { consumer: 'down', database: 'down', outbox: 'down', kafka: 'up' },
    });
  });

  it('answers callers at the same moment with one round of checks', async () => {
    let rounds = 0;
    const readiness = new Readiness({
      database: async () => {
        rounds += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return true;
      },
    });
    await Promise.all([readiness.check(), readiness.check(), readiness.check()]);
    await readiness.check();
    expect(rounds).toBe(2);
  });
});
