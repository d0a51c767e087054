import type { Admin } from 'kafkajs';

export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

export interface PartitionOffsets {
  partition: number;
  /** The next offset the partition will write (its high watermark). */
  high: string;
  /** Its oldest offset still kept. */
  low: string;
}

/**
 * The lag of the partitions one member owns: high watermark minus the group's committed offset.
 * A partition the group never committed on counts from its oldest record still kept (the group
 * starts there, or at the end, which the first commit soon shows).
 */
export function partitionLags(
  owned: ReadonlyMap<string, readonly number[]>,
  offsets: ReadonlyMap<string, readonly PartitionOffsets[]>,
  committed: ReadonlyMap<string, ReadonlyMap<number, string>>,
): PartitionLag[] {
  const lags: PartitionLag[] = [];
  for (const [topic, partitions] of owned) {
    const ofTopic = new Map((offsets.get(topic) ?? []).map((entry) => [entry.partition, entry]));
    for (const partition of partitions) {
      const watermarks = ofTopic.get(partition);
      if (watermarks === undefined) continue;
      const done = committed.get(topic)?.get(partition);
      const from = done === undefined || BigInt(done) < 0n ? BigInt(watermarks.low) : BigInt(done);
      const lag = BigInt(watermarks.high) - from;
      lags.push({ topic, partition, lag: lag > 0n ? Number(lag) : 0 });
    }
  }
  return lags;
}

/** Readings are reused this long: a scrape every few seconds costs Kafka two requests at most per interval. */
const FRESH_FOR_MS = 5_000;

/**
 * Reads a consumer group's lag on the partitions this member owns, with two admin requests
 * (the topics' offsets, the group's commits), at most once per {@link FRESH_FOR_MS}.
 */
export class ConsumerLagReader {
  private last?: { at: number; lags: PartitionLag[] };
  private reading?: Promise<PartitionLag[]>;

  constructor(
    private readonly groupId: string,
    private readonly owned: () => ReadonlyMap<string, readonly number[]>,
    private readonly useAdmin: <T>(work: (admin: Admin) => Promise<T>) => Promise<T>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  read(): Promise<PartitionLag[]> {
    if (this.last !== undefined && this.now() - this.last.at < FRESH_FOR_MS) {
      return Promise.resolve(this.last.lags);
    }
    this.reading ??= this.fetch().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async fetch(): Promise<PartitionLag[]> {
    const owned = this.owned();
    const topics = [...owned.keys()];
    if (topics.length === 0) return [];
    const lags = await this.useAdmin(async (admin) => {
      const offsets = new Map<string, PartitionOffsets[]>();
      for (const topic of topics) offsets.set(topic, await admin.fetchTopicOffsets(topic));
      const groupOffsets = await admin.fetchOffsets({ groupId: this.groupId, topics });
      const committed = new Map(
        groupOffsets.map(({ topic, partitions }) => [
          topic,
          new Map(partitions.map(({ partition, offset }) => [partition, offset])),
        ]),
      );
      return partitionLags(owned, offsets, committed);
    });
    this.last = { at: this.now(), lags };
    return lags;
  }
}
