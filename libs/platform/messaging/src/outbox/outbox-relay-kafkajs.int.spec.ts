import { Kafka, logLevel, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createEnvelope, type SyncCompleted, Topics } from '@subsync/domain';
import { createDataSource, dataSourceOptions, runMigrations } from '@subsync/persistence';
import { createTestDatabase, testKafkaBrokers } from '@subsync/testkit';
import { eventually } from '../../test/eventually';
import { collectMessages, header } from '../../test/kafka-probe';
import { InboxTypeOrm } from '../inbox/inbox-typeorm';
import { KafkaNamespace } from '../kafka/kafka-namespace';
import { TopicProvisioner } from '../kafka/topic-provisioner';
import {
  inRelayTransaction,
  OutboxRelayKafkaJs,
  type OutboxRelayOptions,
} from './outbox-relay-kafkajs';
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

  const relayOf = (producer: string, options: Partial<OutboxRelayOptions>, client = kafka) =>
    new OutboxRelayKafkaJs(dataSource, client, {
      producer,
      namespace,
      topics: new TopicProvisioner(kafka, 3, namespace),
      ...options,
    });
  const unsentKeys = async (producer: string): Promise<string[]> => {
    const rows = await dataSource.query<{ key: string }[]>(
      `SELECT key FROM outbox WHERE producer = $1 AND sent_at IS NULL ORDER BY id`,
      [producer],
    );
    return rows.map((row) => row.key);
  };
  const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

  it('publishes only what committed, in order, keyed and with the message id header', async () => {
    const outbox = new OutboxTypeOrm('outbox-int');
    const relay = relayOf('outbox-int', {
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

  it('publishes announced commits at once, without reading them back, and marks them sent together', async () => {
    const producer = `announced-${run}`;
    const outbox = new OutboxTypeOrm(producer);
    const relay = relayOf(producer, {
      // No poll within the test: only the announcement can publish the rows.
      pollIntervalMs: 60_000,
      markDelayMs: 50,
    });
    outbox.onCommitted((messages) => relay.wake(messages));
    await relay.start();
    try {
      await settle(); // the drain at start finds nothing and turns to announced commits
      const envelopes = [completed(`d-${Date.now()}`), completed(`e-${Date.now()}`)];
      const messages = await dataSource.transaction((m) =>
        outbox.enqueueAll(m, Topics.syncCompleted, envelopes),
      );
      outbox.notifyCommitted(messages);
      const ids = new Set(envelopes.map((envelope) => envelope.id));
      const seen = await collectMessages(
        kafka,
        syncCompleted,
        (m) => ids.has(header(m, 'message-id') ?? ''),
        2,
        10_000,
      );
      expect(seen.map((m) => header(m, 'message-id'))).toEqual(envelopes.map((e) => e.id));
      expect(JSON.parse(seen[1]!.value!.toString())).toEqual(envelopes[1]);
      expect(seen[0]!.key?.toString()).toBe(envelopes[0]!.data.subscriptionId);
      await eventually(async () => expect(await unsentKeys(producer)).toEqual([]), 5_000);

      // A drain now (a wake that names nothing) finds them sent: each went out once.
      relay.wake();
      await settle();
      await expect(
        collectMessages(
          kafka,
          syncCompleted,
          (m) => ids.has(header(m, 'message-id') ?? ''),
          3,
          3_000,
        ),
      ).rejects.toThrow('saw 2 of 3');
    } finally {
      await relay.stop();
    }
  });

  it('after a failed publish, drains the table in the outbox order, then takes announcements again', async () => {
    const producer = `fails-once-${run}`;
    const outbox = new OutboxTypeOrm(producer);
    // Real Kafka; the relay's producer refuses its first send, as a broker that went away would.
    let refusals = 1;
    const faulty = Object.create(kafka) as Kafka;
    faulty.producer = (config) => {
      const real: Producer = kafka.producer(config);
      return Object.assign(Object.create(real) as Producer, {
        sendBatch: (batch: Parameters<Producer['sendBatch']>[0]) => {
          if (refusals > 0) {
            refusals -= 1;
            return Promise.reject(new Error('broker went away'));
          }
          return real.sendBatch(batch);
        },
      });
    };
    const relay = relayOf(
      producer,
      {
        pollIntervalMs: 60_000,
        markDelayMs: 50,
      },
      faulty,
    );
    outbox.onCommitted((messages) => relay.wake(messages));
    const commit = async (label: string) => {
      const envelope = completed(`${label}-${Date.now()}`);
      outbox.notifyCommitted(
        await dataSource.transaction((m) => outbox.enqueue(m, Topics.syncCompleted, envelope)),
      );
      return envelope;
    };
    await relay.start();
    try {
      await settle();
      const refused = await commit('refused');
      await settle(100);
      // Refused, so still unsent: the relay drains again in 2 s, or when woken sooner.
      expect(await unsentKeys(producer)).toEqual([refused.data.subscriptionId]);
      // Announced after the failure: it must go out after the refused one.
      const later = await commit('later');
      const ids = new Set([refused.id, later.id]);
      const seen = await collectMessages(
        kafka,
        syncCompleted,
        (m) => ids.delete(header(m, 'message-id') ?? ''),
        2,
        10_000,
      );
      expect(seen.map((m) => header(m, 'message-id'))).toEqual([refused.id, later.id]);
      await eventually(async () => expect(await unsentKeys(producer)).toEqual([]), 5_000);

      // The drain emptied the table: the next commit is published as announced, at once.
      const after = await commit('after');
      const [again] = await collectMessages(
        kafka,
        syncCompleted,
        (m) => header(m, 'message-id') === after.id,
        1,
        // Well within the 60 s poll: only the announcement can have published it.
        10_000,
      );
      expect(again?.key?.toString()).toBe(after.data.subscriptionId);
    } finally {
      await relay.stop();
    }
  });

  it('publishes rows beyond one batch, rows it is woken for, and rows only a poll finds', async () => {
    const outbox = new OutboxTypeOrm('outbox-int-2');
    const relay = relayOf('outbox-int-2', {
      batchSize: 2,
      pollIntervalMs: 100,
      // A row nobody announced is taken once it is this old.
      orphanAfterMs: 500,
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
      await settle();
      const woken = await enqueue('woken');
      relay.wake();
      await settle();
      // Committed by "another process" (or by one that died before publishing): nothing announces
      // it, and a poll must find it once it is older than `orphanAfterMs`.
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
