// The README's example, as a user's suite runs it: subsync in a container next to the suite's
// own Kafka and PostgreSQL, a sync through the gateway, and sync.completed.v1 read from Kafka.
import { PostgreSqlContainer, type StartedPostgreSqlContainer } from '@testcontainers/postgresql';
import { Kafka, logLevel } from 'kafkajs';
import { Network, type StartedNetwork } from 'testcontainers';
import {
  ApacheKafkaContainer,
  type StartedApacheKafkaContainer,
  type StartedSubsyncContainer,
  SubsyncContainer,
} from '@subsync/testcontainers';

jest.setTimeout(300_000);

/** The fields of a sync.completed.v1 envelope's `data` this suite looks at. */
interface SyncCompleted {
  ref: string;
  status: string;
  subscriptionId: string;
}

const KAFKA_IMAGE = process.env['SUBSYNC_KAFKA_IMAGE'] ?? 'apache/kafka:4.3.1';
const POSTGRES_IMAGE = process.env['SUBSYNC_POSTGRES_IMAGE'] ?? 'postgres:17-alpine';

describe('subsync in a container', () => {
  let network: StartedNetwork;
  let kafka: StartedApacheKafkaContainer;
  let postgres: StartedPostgreSqlContainer;
  let subsync: StartedSubsyncContainer;

  beforeAll(async () => {
    network = await new Network().start();
    [kafka, postgres] = await Promise.all([
      new ApacheKafkaContainer(KAFKA_IMAGE).withNetwork(network).start(),
      new PostgreSqlContainer(POSTGRES_IMAGE).withNetwork(network).start(),
    ]);
    subsync = await new SubsyncContainer()
      .withNetwork(network)
      .withKafka(kafka)
      .withPostgres(postgres)
      .start();
  });

  afterAll(async () => {
    await subsync?.stop();
    await Promise.all([kafka?.stop(), postgres?.stop()]);
    await network?.stop();
  });

  it('syncs a Zuora subscription and announces it on sync.completed.v1', async () => {
    const consumer = new Kafka({
      brokers: [subsync.getBrokers()],
      logLevel: logLevel.NOTHING,
    }).consumer({ groupId: 'my-suite' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'sync.completed.v1', fromBeginning: true });
    const completed = new Promise<SyncCompleted>((resolve) => {
      void consumer.run({
        eachMessage: ({ message }) => {
          const { data } = JSON.parse(message.value?.toString() ?? '{}') as {
            data?: SyncCompleted;
          };
          if (data?.ref === 'A-S00000271') resolve(data);
          return Promise.resolve();
        },
      });
    });

    try {
      const response = await fetch(
        `${subsync.getGatewayUrl()}/api/plugins/zuora/sync/subscription/A-S00000271`,
        { method: 'POST', headers: { authorization: `Bearer ${subsync.getToken()}` } },
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as { success: boolean; id: string };
      expect(body).toMatchObject({ success: true, id: expect.stringMatching(/^sub-/) });

      const event = await completed;
      expect(event).toMatchObject({ status: 'succeeded', subscriptionId: body.id });

      const read = await fetch(`${subsync.getGatewayUrl()}/api/subscriptions/A-S00000271`, {
        headers: { authorization: `Bearer ${subsync.getToken()}` },
      });
      expect(await read.json()).toMatchObject({ id: body.id, source: 'zuora', status: 'active' });
    } finally {
      await consumer.disconnect();
    }
  });
});
