import type { FieldChange } from '../api/api-types';
import { formatValue } from '../format/format';
import { EmptyState } from '../ui/notices';

interface Props {
  changes: FieldChange[];
  caption?: string;
  /** Why nothing changed, when the table is empty. */
  emptyHint?: string;
}

/** Field | Before | After; values as JSON for objects and arrays, `—` for null. */
export function ChangesTable({ changes, caption, emptyHint }: Props) {
  if (changes.length === 0) {
    return (
      <EmptyState title="No field changed">
        {emptyHint ?? 'The subscription already matched the provider.'}
      </EmptyState>
    );
  }
  return (
    <div class="table-wrap">
      <table class="data-table changes-table">
        {caption !== undefined && <caption class="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change, index) => (
            <tr key={`${change.field}-${index}`}>
              <th scope="row" class="mono">
                {change.field}
              </th>
              <td class="value value-before">{formatValue(change.before)}</td>
              <td class="value value-after">{formatValue(change.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
