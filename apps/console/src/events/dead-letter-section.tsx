import type { DeadLetter } from '../api/api-types';
import { Instant } from '../ui/instant';
import { Dash } from '../ui/dash';

/** Where a dead-lettered message came from, as the dead-letter headers tell it. */
export function DeadLetterSection({ deadLetter }: { deadLetter: DeadLetter }) {
  const headers = Object.entries(deadLetter.headers);
  return (
    <section aria-labelledby="dead-letter-title">
      <h2 id="dead-letter-title">Dead letter</h2>
      <dl class="facts">
        <dt>Topic</dt>
        <dd class="mono">{deadLetter.topic}</dd>
        <dt>Partition</dt>
        <dd>{deadLetter.partition}</dd>
        <dt>Offset</dt>
        <dd class="mono">{deadLetter.offset}</dd>
        <dt>Consumer group</dt>
        <dd class="mono">{deadLetter.consumerGroup ?? <Dash />}</dd>
        <dt>Attempts</dt>
        <dd>{deadLetter.attempts ?? <Dash />}</dd>
        <dt>Exception</dt>
        <dd class="mono">{deadLetter.exceptionClass ?? <Dash />}</dd>
        <dt>Error</dt>
        <dd>{deadLetter.error ?? <Dash />}</dd>
        <dt>Failed at</dt>
        <dd>
          <Instant value={deadLetter.failedAt} />
        </dd>
        <dt>Key</dt>
        <dd class="mono">{deadLetter.key ?? <Dash />}</dd>
      </dl>
      <h3>Headers</h3>
      {headers.length === 0 ? (
        <p class="muted">No headers.</p>
      ) : (
        <div class="table-wrap">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">Header</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {headers.map(([name, value]) => (
                <tr key={name}>
                  <th scope="row" class="mono">
                    {name}
                  </th>
                  <td class="mono break">{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Value</h3>
      {deadLetter.value === null ? (
        <p class="muted">The message had no value.</p>
      ) : (
        <pre class="json" aria-label="Dead-letter value">
          {prettyIfJson(deadLetter.value)}
        </pre>
      )}
    </section>
  );
}

function prettyIfJson(value: string): string {
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}
