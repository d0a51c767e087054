import { KeyedScheduler } from './keyed-scheduler';

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A scheduler whose runs stay open until the test releases them. */
function harness(maxInFlight: number, maxItemsPerRun?: number) {
  const runs: { key: string; items: string[]; gate: Deferred }[] = [];
  const scheduler = new KeyedScheduler<string>({
    maxInFlight,
    ...(maxItemsPerRun === undefined ? {} : { maxItemsPerRun }),
    run: (key, items) => {
      const gate = deferred();
      runs.push({ key, items, gate });
      return gate.promise;
    },
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { scheduler, runs, settle };
}

describe('KeyedScheduler', () => {
  it('runs different keys in parallel up to the limit', async () => {
    const { scheduler, runs, settle } = harness(2);
    const done = ['a', 'b', 'c'].map((key) => scheduler.submit(key, `${key}1`));
    await settle();
    expect(runs.map((run) => run.key)).toEqual(['a', 'b']);
    expect(scheduler.running).toBe(2);

    runs[0]!.gate.resolve();
    await done[0];
    await settle();
    expect(runs.map((run) => run.key)).toEqual(['a', 'b', 'c']);
  });

  it('never runs one key twice at once, and hands everything that waited to the next run', async () => {
    const { scheduler, runs, settle } = harness(10);
    const first = scheduler.submit('sub-1', 'r1');
    await settle();
    const later = ['r2', 'r3', 'r4'].map((item) => scheduler.submit('sub-1', item));
    await settle();
    expect(runs).toHaveLength(1);

    runs[0]!.gate.resolve();
    await first;
    await settle();
    expect(runs.map((run) => run.items)).toEqual([['r1'], ['r2', 'r3', 'r4']]);
    runs[1]!.gate.resolve();
    await Promise.all(later);
    expect(scheduler.size).toBe(0);
  });

  it('splits a long queue into runs of at most maxItemsPerRun, in arrival order', async () => {
    const { scheduler, runs, settle } = harness(1, 2);
    const all = ['x1', 'x2', 'x3', 'x4', 'x5'].map((item) => scheduler.submit('x', item));
    for (let i = 0; i < 3; i += 1) {
      await settle();
      runs[i]!.gate.resolve();
    }
    await Promise.all(all);
    expect(runs.map((run) => run.items)).toEqual([['x1'], ['x2', 'x3'], ['x4', 'x5']]);
  });

  it('gives a busy key no precedence over a key that has waited', async () => {
    const { scheduler, runs, settle } = harness(1);
    void scheduler.submit('busy', 'b1');
    await settle();
    void scheduler.submit('other', 'o1');
    void scheduler.submit('busy', 'b2');
    runs[0]!.gate.resolve();
    await settle();
    expect(runs[1]!.key).toBe('other');
  });

  it('runs a foreground key before every background key that waited longer', async () => {
    const { scheduler, runs, settle } = harness(1);
    const all = [scheduler.submit('busy', 'b1', { background: true })];
    await settle();
    for (const key of ['bf1', 'bf2', 'bf3']) {
      all.push(scheduler.submit(key, `${key}-item`, { background: true }));
    }
    all.push(scheduler.submit('live', 'live-item'));
    for (let i = 0; i < 5; i += 1) {
      await settle();
      runs[i]!.gate.resolve();
    }
    await Promise.all(all);
    expect(runs.map((run) => run.key)).toEqual(['busy', 'live', 'bf1', 'bf2', 'bf3']);
  });

  it('moves a background key up when foreground work joins it, keeping the key in order', async () => {
    const { scheduler, runs, settle } = harness(1);
    const all = [scheduler.submit('busy', 'b1')];
    await settle();
    all.push(scheduler.submit('bf1', 'bf1-item', { background: true }));
    all.push(scheduler.submit('shared', 'older', { background: true }));
    all.push(scheduler.submit('shared', 'newer'));
    for (let i = 0; i < 3; i += 1) {
      await settle();
      runs[i]!.gate.resolve();
    }
    await Promise.all(all);
    expect(runs.map((run) => [run.key, run.items])).toEqual([
      ['busy', ['b1']],
      ['shared', ['older', 'newer']],
      ['bf1', ['bf1-item']],
    ]);
    expect(scheduler.size).toBe(0);
  });

  it('still runs background work when nothing else waits', async () => {
    const { scheduler, runs, settle } = harness(2);
    const all = ['x', 'y', 'z'].map((key) => scheduler.submit(key, key, { background: true }));
    await settle();
    expect(runs.map((run) => run.key)).toEqual(['x', 'y']);
    runs.forEach((run) => run.gate.resolve());
    await settle();
    runs[2]!.gate.resolve();
    await Promise.all(all);
    expect(runs.map((run) => run.key)).toEqual(['x', 'y', 'z']);
  });

  it('rejects every item of a failed run and goes on with the key', async () => {
    const { scheduler, runs, settle } = harness(1);
    const failing = scheduler.submit('k', 'k1');
    await settle();
    const next = scheduler.submit('k', 'k2');
    runs[0]!.gate.reject(new Error('boom'));
    await expect(failing).rejects.toThrow('boom');
    await settle();
    runs[1]!.gate.resolve();
    await expect(next).resolves.toBeUndefined();
  });

  it('tells when it has nothing left to do', async () => {
    const { scheduler, runs, settle } = harness(3);
    void scheduler.submit('a', 'a1');
    void scheduler.submit('b', 'b1');
    let idle = false;
    const waiting = scheduler.idle().then(() => (idle = true));
    await settle();
    runs[0]!.gate.resolve();
    await settle();
    expect(idle).toBe(false);
    runs[1]!.gate.resolve();
    await waiting;
    expect(idle).toBe(true);
  });
});
