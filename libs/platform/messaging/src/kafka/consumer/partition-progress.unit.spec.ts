import { PartitionProgress } from './partition-progress';

describe('PartitionProgress', () => {
  it('commits only up to the lowest offset still in flight', () => {
    const progress = new PartitionProgress();
    for (const offset of [10n, 11n, 12n, 13n]) expect(progress.begin(offset)).toBe(true);
    expect(progress.committable()).toBe(10n);
    progress.markCommitted(10n);

    progress.finish(12n);
    progress.finish(13n);
    expect(progress.committable()).toBeNull(); // 10 and 11 are still running
    progress.finish(10n);
    expect(progress.committable()).toBe(11n);
    progress.markCommitted(11n);
    progress.finish(11n);
    expect(progress.committable()).toBe(14n);
    expect(progress.inFlight).toBe(0);
  });

  it('steps over gaps in the offsets and past a trailing marker', () => {
    const progress = new PartitionProgress();
    progress.begin(3n);
    progress.begin(7n);
    progress.skipTo(9n); // the batch ended with a transaction marker at 8
    progress.finish(7n);
    expect(progress.committable()).toBe(3n);
    progress.finish(3n);
    expect(progress.committable()).toBe(9n);
  });

  it('recognises a redelivery of anything seen, finished or not', () => {
    const progress = new PartitionProgress();
    progress.begin(0n);
    progress.begin(1n);
    progress.finish(0n);
    expect(progress.begin(0n)).toBe(false);
    expect(progress.begin(1n)).toBe(false);
    expect(progress.begin(2n)).toBe(true);
    expect(progress.inFlight).toBe(2);
  });

  it('keeps its answer right over many offsets', () => {
    const progress = new PartitionProgress();
    for (let offset = 0n; offset < 5000n; offset += 1n) progress.begin(offset);
    // Everything but offset 4000 finishes, in reverse order.
    for (let offset = 4999n; offset >= 0n; offset -= 1n)
      if (offset !== 4000n) progress.finish(offset);
    expect(progress.committable()).toBe(4000n);
    progress.finish(4000n);
    expect(progress.committable()).toBe(5000n);
    expect(progress.inFlight).toBe(0);
  });
});
