import { Client } from 'pg';
import { PublishedMessageValidator } from '@subsync/testkit/contracts';

interface OutboxRow {
  id: string;
  producer: string;
  topic: string;
  key: string;
  payload: string;
  headers: Record<string, string>;
}

const POLL_MS = 60_000;
const SHOWN = 10;
const UNDEFINED_TABLE = '42P01';

/** Read once for every suite: the checked-in contracts do not change during a run. */
let sharedValidator: PublishedMessageValidator | undefined;

/**
 * Checks every message the services publish against the published contracts (docs/asyncapi).
 * Every message goes through the outbox table, which keeps a row for 10 minutes after Kafka has
 * it: the rows are read every minute and once more at the end, so none is missed and no Kafka
 * consumer (with its topic names) is needed.
 */
export class OutboxAudit {
  private readonly checked = new Set<string>();
  private readonly problems: string[] = [];
  private timer?: NodeJS.Timeout;
  private reading?: Promise<void>;
  private readonly validator = (sharedValidator ??= new PublishedMessageValidator());

  constructor(private readonly databaseUrl: string) {}

  start(): void {
    this.timer = setInterval(() => {
      // While PostgreSQL is away (a suite may cut it) the next read catches up.
      this.reading ??= this.read()
        .catch(() => undefined)
        .finally(() => (this.reading = undefined));
    }, POLL_MS);
    this.timer.unref();
  }

  /** Reads what is left and fails with the messages that broke the contracts. */
  async finish(): Promise<void> {
    clearInterval(this.timer);
    await this.reading;
    await this.read();
    if (this.problems.length === 0) return;
    throw new Error(
      `${this.problems.length} published message(s) break the contracts in docs/asyncapi:\n` +
        this.problems.slice(0, SHOWN).join('\n'),
    );
  }

  private async read(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl });
    // A connection cut while idle is reported as an event; the read fails on its own anyway.
    client.on('error', () => undefined);
    await client.connect();
    try {
      const rows = await this.outboxRows(client);
      for (const row of rows) {
        // Ids are taken before commit, so a row can appear below one already read: track each.
        if (this.checked.has(row.id)) continue;
        this.checked.add(row.id);
        const found = this.validator.problems({
          topic: row.topic,
          key: row.key,
          value: row.payload,
          headers: row.headers,
        });
        if (found.length > 0) {
          this.problems.push(
            `${row.topic} from ${row.producer}: ${found.join('; ')}\n  ${row.payload}`,
          );
        }
      }
    } finally {
      await client.end();
    }
  }

  private async outboxRows(client: Client): Promise<OutboxRow[]> {
    try {
      const { rows } = await client.query<OutboxRow>(
        'SELECT id, producer, topic, key, payload::text AS payload, headers FROM outbox ORDER BY id',
      );
      return rows;
    } catch (error) {
      // No service got as far as its migrations: nothing was published.
      if ((error as { code?: unknown }).code === UNDEFINED_TABLE) return [];
      throw error;
    }
  }
}
