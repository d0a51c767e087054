import { randomUUID } from 'node:crypto';
import {
  type Consumer,
  type IHeaders,
  Kafka,
  type KafkaMessage,
  logLevel,
  Partitioners,
} from 'kafkajs';
import { testKafkaBrokers } from '../jest/test-database';

// jest-circus only honours the global testTimeout, not the int project's, so set it here.
jest.setTimeout(60_000);

/**
 * Contract: kafkajs 2.2.4 against the pinned Kafka 4.x broker (classic group protocol), covering
 * exactly what the services rely on: admin calls, acks=all produce with headers, manual commits in
 * a consumer group, resume after the committed offset, and redelivery of what was not committed.
 */
interface Received {
  key: string;
  value: string;
  offset: string;
  headers: Record<string, string>;
}

function decode(message: KafkaMessage): Received {
  return {
    key: message.key?.toString() ?? '',
    value: message.value?.toString() ?? '',
    offset: message.offset,
    headers: decodeHeaders(message.headers),
  };
}

function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) {
      out[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
    }
  }
  return out;
}

async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('kafkajs 2.2.4 against the pinned Kafka broker', () => {
  const kafka = new Kafka({
    clientId: 'contract-test',
    brokers: testKafkaBrokers(),
    logLevel: logLevel.WARN,
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const consumers: Consumer[] = [];
  const topic = `contract.${randomUUID()}`;
  const groupId = `contract-group-${randomUUID()}`;

  beforeAll(async () => {
    await admin.connect();
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await producer.disconnect();
    await admin.disconnect();
  });

  function newConsumer(): Consumer {
    // A short fetch wait keeps disconnect() fast: kafkajs waits for the in-flight long poll.
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 250,
    });
    consumers.push(consumer);
    return consumer;
  }

  async function produce(id: number): Promise<void> {
    const [metadata] = await producer.send({
      topic,
      acks: -1,
      messages: [
        {
          key: `key-${id}`,
          value: JSON.stringify({ id }),
          headers: { 'x-event-id': `event-${id}`, 'x-trace': 'contract' },
        },
      ],
    });
    expect(metadata).toMatchObject({
      topicName: topic,
      partition: 0,
      errorCode: 0,
      baseOffset: String(id - 1),
    });
  }

  it('creates, lists and describes a topic', async () => {
    await expect(
      admin.createTopics({
        topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
        waitForLeaders: true,
      }),
    ).resolves.toBe(true);
    expect(await admin.listTopics()).toContain(topic);
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics).toHaveLength(1);
    expect(topics[0]!.name).toBe(topic);
    expect(topics[0]!.partitions).toHaveLength(1);
    expect(topics[0]!.partitions[0]).toMatchObject({
      partitionId: 0,
      leader: expect.any(Number) as number,
      replicas: [expect.any(Number)],
    });
  });

  it('produces with acks=-1 and headers, and consumes them with manual commits', async () => {
    for (const id of [1, 2, 3]) {
      await produce(id);
    }

    // First member: reads all three, commits only after the second.
    const first = newConsumer();
    const seenByFirst: Received[] = [];
    await first.connect();
    await first.subscribe({ topic, fromBeginning: true });
    await first.run({
      autoCommit: false,
      eachMessage: async ({ topic: from, partition, message }) => {
        seenByFirst.push(decode(message));
        if (message.offset === '1') {
          await first.commitOffsets([{ topic: from, partition, offset: '2' }]);
        }
      },
    });
    await waitFor(() => seenByFirst.length === 3, 'the first consumer to read three messages');
    expect(seenByFirst).toEqual(
      [1, 2, 3].map((id) => ({
        key: `key-${id}`,
        value: JSON.stringify({ id }),
        offset: String(id - 1),
        headers: { 'x-event-id': `event-${id}`, 'x-trace': 'contract' },
      })),
    );
    expect(await committedOffset()).toBe('2');
    await first.disconnect();

    // Second member of the same group: starts at the committed offset, so message 3 (read but not
    // committed) comes again and messages 1 and 2 do not.
    const second = newConsumer();
    const seenBySecond: Received[] = [];
    await second.connect();
    await second.subscribe({ topic, fromBeginning: true });
    await second.run({
      autoCommit: false,
      eachMessage: async ({ topic: from, partition, message }) => {
        seenBySecond.push(decode(message));
        await second.commitOffsets([
          { topic: from, partition, offset: String(Number(message.offset) + 1) },
        ]);
      },
    });
    await waitFor(
      () => seenBySecond.length >= 1,
      'the second consumer to receive the uncommitted message',
    );
    await produce(4);
    await waitFor(() => seenBySecond.length >= 2, 'the second consumer to receive a new message');
    // Give a stray redelivery of 1 or 2 the chance to show up before asserting it never came.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(seenBySecond.map((message) => message.value)).toEqual([
      JSON.stringify({ id: 3 }),
      JSON.stringify({ id: 4 }),
    ]);
    expect(seenBySecond[0]!.headers['x-event-id']).toBe('event-3');
    await waitFor(
      async () => (await committedOffset()) === '4',
      'the second commit to land',
      10_000,
    );
    await second.disconnect();
  });

  async function committedOffset(): Promise<string | undefined> {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return entry?.partitions.find((partition) => partition.partition === 0)?.offset;
  }
});
