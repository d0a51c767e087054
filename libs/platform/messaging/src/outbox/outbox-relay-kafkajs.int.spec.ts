import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createEnvelope, type SyncCompleted, Topics } from '@subsync/domain';
import { createDataSource, dataSourceOptions, runMigrations } from '@subsync/persistence';
import { createTestDatabase, testKafkaBrokers } from '@subsync/testkit';
import { collectMessages, header } from '../../test/kafka-probe';
import { InboxTypeOrm } from '../inbox/inbox-typeorm';
import { KafkaNamespace } from '../kafka/kafka-namespace';
import { TopicProvisioner } from '../kafka/topic-provisioner';
import { inRelayTransaction, OutboxRelayKafkaJs } from './outbox-relay-kafkajs';
import { OutboxTypeOrm } from './outbox-typeorm';

const run = globalThis.crypto.randomUUID().slice(0, 8);
// Topics of this run alone: rows name the registry's topics, the relay publishes to these.
const namespace = new KafkaNamespace(`outbox-int-${run}.`);
const syncCompleted = namespace.topic(Topics.syncCompleted);

describe('outbox, relay and inbox on PostgreSQL and Kafka', () => {
  const kafka = new Kafka({
    clientId: 'outbox-int',
    brokers: testKafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });
  let databaseUrl: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('outbox');
    dataSource = createDataSource(databaseUrl, 'outbox-int');
    await dataSource.initialize();
    await runMigrations(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  function completed(ref: string) {
    return createEnvelope<SyncCompleted>({
      topic: Topics.syncCompleted,
      source: 'outbox-int',
      now: new Date(),
      data: {
        provider: 'zuora',
        ref,
        status: 'succeeded',
        // One subscription, so one key and one partition: Kafka orders messages per partition.
        subscriptionId: `sub-${run}`,
        ownerId: 'id-1',
        eventId: `event-${ref}`,
        changes: [],
      },
    });
  }

  it('publishes only what committed, in order, keyed and with the message id header', async () => {
    const outbox = new OutboxTypeOrm('outbox-int');
    const relay = new OutboxRelayKafkaJs(dataSource, kafka, {
      producer: 'outbox-int',
      namespace,
      topics: new TopicProvisioner(kafka, 3, namespace),
      pollIntervalMs: 50,
    });
    const first = completed(`a-${Date.now()}`);
    const second = completed(`b-${Date.now()}`);
    const rolledBack = completed(`c-${Date.now()}`);

    await dataSource.transaction(async (m) => {
      await outbox.enqueue(m, Topics.syncCompleted, first);
      await outbox.enqueue(m, Topics.syncCompleted, second);
    });
    await dataSource
      .transaction(async (m) => {
        await outbox.enqueue(m, Topics.syncCompleted, rolledBack);
        throw new Error('the business change failed');
      })
      .catch(() => undefined);

    await relay.start();
    try {
      // Delivery is at least once: a producer retry may repeat a message, so keep first sightings.
      const wanted = new Set([first.id, second.id, rolledBack.id]);
      const seen = await collectMessages(
        kafka,
        syncCompleted,
        (m) => wanted.delete(header(m, 'message-id') ?? ''),
        2,
      );
      expect(seen.map((m) => header(m, 'message-id'))).toEqual([first.id, second.id]);
      expect(seen.map((m) => m.key?.toString())).toEqual([
        first.data.subscriptionId,
        second.data.subscriptionId,
      ]);
      expect(JSON.parse(seen[0]!.value!.toString())).toEqual(first);
    } finally {
      await relay.stop();
    }
    const unsent: unknown[] = await dataSource.query(
      "SELECT 1 FROM outbox WHERE producer = 'outbox-int' AND sent_at IS NULL",
    );
    expect(unsent).toHaveLength(0);
    // The table keeps the logical name; only the broker's topic carries the prefix.
    const topics: { topic: string }[] = await dataSource.query(
      "SELECT DISTINCT topic FROM outbox WHERE producer = 'outbox-int'",
    );
    expect(topics).toEqual([{ topic: Topics.syncCompleted }]);
  });

  it('publishes rows beyond one batch, rows it is woken for, and rows only a poll finds', async () => {
    const outbox = new OutboxTypeOrm('outbox-int-2');
    const relay = new OutboxRelayKafkaJs(dataSource, kafka, {
      producer: 'outbox-int-2',
      namespace,
      topics: new TopicProvisioner(kafka, 3, namespace),
      batchSize: 2,
      pollIntervalMs: 100,
    });
    const enqueue = async (label: string) => {
      const envelope = completed(`${label}-${Date.now()}`);
      await dataSource.transaction((m) => outbox.enqueue(m, Topics.syncCompleted, envelope));
      return envelope;
    };
    // Five rows waiting at start: three batches of at most two.
    const waiting = await Promise.all([1, 2, 3, 4, 5].map((i) => enqueue(`waiting-${i}`)));
    await relay.start();
    try {
      const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
      await settle();
      const woken = await enqueue('woken');
      relay.wake();
      await settle();
      // Committed by "another process" while the relay is idle: nothing wakes it, its poll must
      // find the row.
      const polled = await enqueue('polled');
      const wanted = new Set([...waiting, woken, polled].map((envelope) => envelope.id));
      const seen = await collectMessages(
        kafka,
        syncCompleted,
        (m) => wanted.delete(header(m, 'message-id') ?? ''),
        7,
      );
      expect(seen).toHaveLength(7);
      expect(wanted.size).toBe(0);
    } finally {
      await relay.stop();
    }
  });

  it('takes rows in a transaction of its own that commits without waiting for the WAL flush', async () => {
    // The test server runs with synchronous commits off; this session turns them on, as a
    // production server has them.
    const durable = new DataSource({
      ...dataSourceOptions(databaseUrl, 'outbox-int-durable'),
      extra: { max: 1, options: '-c synchronous_commit=on' },
    });
    await durable.initialize();
    const producer = `relay-tx-${run}`;
    const unsent = () =>
      durable.query(`SELECT key FROM outbox WHERE producer = $1 AND sent_at IS NULL ORDER BY id`, [
        producer,
      ]);
    const setting = (m: DataSource['manager']) =>
      m.query(`SELECT current_setting('synchronous_commit') AS value`);
    try {
      await durable.query(
        `INSERT INTO outbox (message_id, producer, topic, key, payload)
         SELECT gen_random_uuid(), $1, 'x', 'k' || n, '{}' FROM generate_series(1, 3) AS n`,
        [producer],
      );

      // A failed publish rolls back: the rows stay unsent.
      await expect(
        inRelayTransaction(durable, producer, 2, (rows) => {
          expect(rows.map((row) => row.key).sort()).toEqual(['k1', 'k2']);
          return Promise.reject(new Error('send failed'));
        }),
      ).rejects.toThrow('send failed');
      expect(await unsent()).toEqual([{ key: 'k1' }, { key: 'k2' }, { key: 'k3' }]);

      const inside = await inRelayTransaction(durable, producer, 2, (_rows, m) => setting(m));
      expect(inside).toEqual([{ value: 'off' }]);
      expect(await unsent()).toEqual([{ key: 'k3' }]);
      // Only that transaction: the session's setting is back.
      expect(await durable.transaction(setting)).toEqual([{ value: 'on' }]);
      // A quote in the producer's name is data, not SQL.
      expect(
        await inRelayTransaction(durable, `it's ${run}`, 5, (rows) => Promise.resolve(rows)),
      ).toEqual([]);
    } finally {
      await durable.destroy();
    }
  });

  it('the inbox lets a message id through once per consumer', async () => {
    const inbox = new InboxTypeOrm('inbox-int');
    const other = new InboxTypeOrm('another-consumer');
    const id = globalThis.crypto.randomUUID();

    const claims = await dataSource.transaction(async (m) => [
      await inbox.claim(m, id, Topics.syncRequested),
      await inbox.claim(m, id, Topics.syncRequested),
      await other.claim(m, id, Topics.syncRequested),
    ]);

    expect(claims).toEqual([true, false, true]);
    expect(await inbox.isProcessed(dataSource.manager, id)).toBe(true);
  });
});
