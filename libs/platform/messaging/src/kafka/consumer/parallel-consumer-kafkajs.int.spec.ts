import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { testKafkaBrokers } from '@subsync/testkit';
import { eventually as eventuallyWithin } from '../../../test/eventually';
import { UNPREFIXED } from '../kafka-namespace';
import { ParallelConsumerKafkaJs, type PreparedRecord } from './parallel-consumer-kafkajs';

// Each test gets its own topic and group, so nothing left by another test is read.
const run = globalThis.crypto.randomUUID().slice(0, 8);
let topicCount = 0;

interface Item {
  key: string;
  value: string;
  partition: number;
  offset: string;
}

/** Records every run, and lets a test hold chosen values until it releases them. */
class Recorder {
  readonly handled: Item[] = [];
  readonly active = new Map<string, number>();
  maxActive = 0;
  overlapping: string[] = [];
  private readonly gates = new Map<string, Promise<void>>();
  private readonly openers = new Map<string, () => void>();

  /**
   * Each record as first handled. Delivery is at least once: a group that rebalances before its
   * first commit (a busy machine) hands a partition out again from its start, in order.
   */
  get firstDeliveries(): Item[] {
    const seen = new Set<string>();
    return this.handled.filter((item) => {
      const id = `${item.partition}:${item.offset}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  hold(value: string): void {
    this.gates.set(value, new Promise((resolve) => this.openers.set(value, resolve)));
  }

  release(value: string): void {
    this.openers.get(value)?.();
  }

  async run(key: string, items: Item[], delayMs = 0): Promise<void> {
    const now = (this.active.get(key) ?? 0) + 1;
    this.active.set(key, now);
    if (now > 1) this.overlapping.push(key);
    this.maxActive = Math.max(
      this.maxActive,
      [...this.active.values()].filter((n) => n > 0).length,
    );
    try {
      for (const item of items) {
        await this.gates.get(item.value);
        if (delayMs > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.random() * delayMs));
        this.handled.push(item);
      }
    } finally {
      this.active.set(key, (this.active.get(key) ?? 1) - 1);
    }
  }

  values(): string[] {
    return this.handled.map((item) => item.value);
  }
}

describe('ParallelConsumerKafkaJs on a real broker', () => {
  const kafka = new Kafka({
    clientId: `pc-int-${run}`,
    brokers: testKafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });
  let admin: Admin;
  let producer: Producer;
  const consumers: ParallelConsumerKafkaJs<Item>[] = [];

  beforeAll(async () => {
    admin = kafka.admin();
    producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
  });

  afterAll(async () => {
    await Promise.allSettled(consumers.map((consumer) => consumer.stop(1_000)));
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  });

  async function newTopic(partitions: number): Promise<string> {
    topicCount += 1;
    const topic = `pc-int-${run}-${topicCount}`;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: partitions }],
    });
    return topic;
  }

  function consumer(
    topic: string,
    groupId: string,
    recorder: Recorder,
    options: { maxInFlight?: number; delayMs?: number; keyOf?: (item: Item) => string } = {},
  ): ParallelConsumerKafkaJs<Item> {
    const created = new ParallelConsumerKafkaJs<Item>({
      kafka,
      namespace: UNPREFIXED,
      groupId,
      topics: [topic],
      sessionTimeoutMs: 6_000,
      maxInFlight: options.maxInFlight ?? 8,
      commitDelayMs: 20,
      prepare: (records) =>
        Promise.resolve(
          records.map((record): PreparedRecord<Item> => {
            const item = {
              key: record.key ?? '',
              value: record.message.value?.toString() ?? '',
              partition: record.partition,
              offset: record.offset,
            };
            return { key: options.keyOf ? options.keyOf(item) : item.key, item };
          }),
        ),
      run: (key, items) => recorder.run(key, items, options.delayMs),
    });
    consumers.push(created);
    return created;
  }

  async function publish(
    topic: string,
    messages: { key: string; value: string; partition?: number }[],
  ) {
    await producer.send({ topic, acks: -1, messages });
  }

  async function committedEqualsEnd(topic: string, groupId: string): Promise<void> {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    for (const { partition, high } of ends) {
      const offset = committed!.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
      expect({ partition, offset: offset === '-1' ? '0' : offset }).toEqual({
        partition,
        offset: high,
      });
    }
  }

  /** Group rebalances make some of these slow: a longer wait than the helper's default. */
  const eventually = (check: () => void | Promise<void>, timeoutMs = 45_000) =>
    eventuallyWithin(check, timeoutMs);

  it('works on many keys at once, one run per key at a time, each key in publish order', async () => {
    const topic = await newTopic(4);
    const groupId = `${topic}-g`;
    const recorder = new Recorder();
    const keys = Array.from({ length: 12 }, (_, i) => `key-${i}`);
    const sent = keys.flatMap((key) =>
      Array.from({ length: 10 }, (_, n) => ({ key, value: `${key}#${n}` })),
    );
    await publish(topic, sent);
    await consumer(topic, groupId, recorder, { maxInFlight: 5, delayMs: 20 }).start();

    await eventually(() => expect(recorder.firstDeliveries).toHaveLength(sent.length));
    for (const key of keys) {
      const order = recorder.firstDeliveries
        .filter((item) => item.key === key)
        .map((item) => item.value);
      expect(order).toEqual(Array.from({ length: 10 }, (_, n) => `${key}#${n}`));
    }
    expect(recorder.overlapping).toEqual([]);
    expect(recorder.maxActive).toBeGreaterThan(1);
    expect(recorder.maxActive).toBeLessThanOrEqual(5);
    await eventually(() => committedEqualsEnd(topic, groupId));
  });

  it('orders by the key prepare gives, across partitions', async () => {
    // Two names of one subscription land on different partitions; they must still run one at a time.
    const topic = await newTopic(2);
    const recorder = new Recorder();
    const sent = Array.from({ length: 20 }, (_, n) => ({
      key: n % 2 === 0 ? 'by-number' : 'by-id',
      value: `v${n}`,
      partition: n % 2,
    }));
    await publish(topic, sent);
    await consumer(topic, `${topic}-g`, recorder, {
      delayMs: 10,
      keyOf: () => 'one-subscription',
    }).start();
    await eventually(() => expect(recorder.firstDeliveries).toHaveLength(sent.length));
    expect(recorder.overlapping).toEqual([]);
    for (const partition of [0, 1]) {
      const values = recorder.firstDeliveries
        .filter((item) => item.partition === partition)
        .map((item) => item.value);
      expect(values).toEqual(sent.filter((m) => m.partition === partition).map((m) => m.value));
    }
  });

  it('after a crash with work unfinished, redelivers from the lowest unfinished offset and skips nothing', async () => {
    const topic = await newTopic(1);
    const groupId = `${topic}-g`;
    const first = new Recorder();
    first.hold('m3'); // m3 never finishes in the first consumer; m4..m9 (other keys) do
    const sent = Array.from({ length: 10 }, (_, n) => ({ key: `k${n}`, value: `m${n}` }));
    await publish(topic, sent);
    const crashing = consumer(topic, groupId, first);
    await crashing.start();
    await eventually(() => expect(first.handled).toHaveLength(9));
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the commit of m0..m2 land
    await crashing.stop(0); // gives up on m3 at once, as a crash would

    const second = new Recorder();
    await consumer(topic, groupId, second).start();
    await eventually(() => expect(second.values()).toContain('m9'));
    // m0..m2 were committed; m3 was not, so it and everything after it come back.
    expect(second.values().sort()).toEqual(['m3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9']);
    await eventually(() => committedEqualsEnd(topic, groupId));
  });

  it('loses nothing when the group rebalances while work is in flight', async () => {
    const topic = await newTopic(6);
    const groupId = `${topic}-g`;
    const a = new Recorder();
    const b = new Recorder();
    const sent = Array.from({ length: 300 }, (_, n) => ({ key: `k${n % 30}`, value: `m${n}` }));
    await consumer(topic, groupId, a, { delayMs: 30 }).start();
    await publish(topic, sent.slice(0, 150));
    await eventually(() => expect(a.handled.length).toBeGreaterThan(20));
    // A second member joins mid-flight: partitions move while A still works on them.
    await consumer(topic, groupId, b, { delayMs: 30 }).start();
    await publish(topic, sent.slice(150));

    await eventually(() => {
      const seen = new Set([...a.values(), ...b.values()]);
      expect(sent.filter((m) => !seen.has(m.value))).toEqual([]);
    }, 90_000);
    expect(b.handled.length).toBeGreaterThan(0);
    expect(a.overlapping).toEqual([]);
    expect(b.overlapping).toEqual([]);
    await eventually(() => committedEqualsEnd(topic, groupId));
  });

  it('commits across the gaps an aborted transaction leaves in the offsets', async () => {
    const topic = await newTopic(1);
    const groupId = `${topic}-g`;
    const transactional = kafka.producer({
      transactionalId: `pc-int-${run}-tx`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await transactional.connect();
    try {
      const aborted = await transactional.transaction();
      await aborted.send({
        topic,
        messages: [
          { key: 'x', value: 'aborted-1' },
          { key: 'x', value: 'aborted-2' },
        ],
      });
      await aborted.abort();
      const kept = await transactional.transaction();
      await kept.send({ topic, messages: [{ key: 'y', value: 'kept-1' }] });
      await kept.commit();
    } finally {
      await transactional.disconnect();
    }
    await publish(topic, [{ key: 'z', value: 'plain' }]);

    const recorder = new Recorder();
    await consumer(topic, groupId, recorder).start();
    await eventually(() => expect(recorder.values()).toEqual(['kept-1', 'plain']));
    // Offsets 0-1 (aborted), 2 (abort marker), 3 (kept), 4 (commit marker), 5 (plain): all behind us.
    await eventually(() => committedEqualsEnd(topic, groupId));
  });
});
