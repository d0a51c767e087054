import { parseArgs } from 'node:util';
import { isFinished, progressLine, type BackfillSnapshot } from './progress-line';

// `npm run backfill -- --provider zuora [filters]`: starts a backfill through the gateway's API
// and shows its progress in the terminal until it ends (Ctrl-C stops watching, not the job).
// `--follow <id>` watches a job that is running already.

const HELP = `usage: npm run backfill -- --provider zuora|stripe [filters] [options]
       npm run backfill -- --follow <backfill-id>

filters (none: every subscription)
  --updated-since <ISO-8601>   Zuora: subscriptions updated at or after
  --accounts <id,id,…>         Zuora: subscriptions of these account ids
  --created-from <ISO-8601>    Stripe: subscriptions created at or after
  --created-to <ISO-8601>      Stripe: subscriptions created before
  --customers <cus_…,…>        Stripe: subscriptions of these customers
options
  --url <gateway URL>          default SUBSYNC_URL or http://127.0.0.1:$GATEWAY_PORT (3000)
  --token <bearer token>       default SUBSYNC_TOKEN, else TOKEN (the one npm start prints);
                               a token with the operate role`;

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

function fail(message: string): never {
  process.stderr.write(`backfill: ${message}\n`);
  process.exit(2);
}

function options() {
  try {
    return parseArgs({
      options: {
        provider: { type: 'string' },
        follow: { type: 'string' },
        'updated-since': { type: 'string' },
        accounts: { type: 'string' },
        'created-from': { type: 'string' },
        'created-to': { type: 'string' },
        customers: { type: 'string' },
        url: { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${HELP}`);
  }
}

function filterOf(values: ReturnType<typeof options>): Record<string, unknown> {
  const list = (value: string | undefined) =>
    value === undefined ? undefined : value.split(',').map((item) => item.trim());
  const entries: [string, unknown][] = [
    ['updatedSince', values['updated-since']],
    ['accounts', list(values.accounts)],
    ['createdFrom', values['created-from']],
    ['createdTo', values['created-to']],
    ['customers', list(values.customers)],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

async function call(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<BackfillSnapshot> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await response.json().catch(() => ({}))) as { message?: string };
  if (!response.ok) fail(`${method} ${path}: ${response.status} ${answer.message ?? ''}`.trim());
  return answer as BackfillSnapshot;
}

async function main(): Promise<void> {
  const values = options();
  if (values.help === true) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const base = (
    values.url ??
    process.env['SUBSYNC_URL'] ??
    `http://127.0.0.1:${process.env['GATEWAY_PORT'] ?? '3000'}`
  ).replace(/\/+$/, '');
  // TOKEN is the variable npm start's output exports, so a backfill runs in that shell as is.
  const token = values.token ?? nonEmpty(process.env['SUBSYNC_TOKEN']) ?? process.env['TOKEN'];
  if (token === undefined || token === '') {
    fail(
      'needs a token with the operate role: --token, SUBSYNC_TOKEN or TOKEN (npm start prints one)',
    );
  }
  let job: BackfillSnapshot;
  if (values.follow !== undefined) {
    job = await call(base, token, 'GET', `/api/backfills/${encodeURIComponent(values.follow)}`);
  } else {
    if (values.provider === undefined) fail(`--provider is required\n${HELP}`);
    job = await call(base, token, 'POST', '/api/backfills', {
      provider: values.provider,
      filter: filterOf(values),
    });
    process.stdout.write(`started ${job.id}\n`);
  }
  const tty = process.stdout.isTTY;
  for (;;) {
    const line = progressLine(job);
    process.stdout.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
    if (isFinished(job)) break;
    await new Promise((resolve) => setTimeout(resolve, tty ? 500 : 2000));
    job = await call(base, token, 'GET', `/api/backfills/${encodeURIComponent(job.id)}`);
  }
  process.stdout.write(tty ? '\n' : '');
  process.exit(job.status === 'completed' ? 0 : 1);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
