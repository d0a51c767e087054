import { formatInstant } from '../format/format';

/** An instant in the browser's local time; the ISO value is in the title for copying. */
export function Instant({ value }: { value: string | null | undefined }) {
  if (value === null || value === undefined) return <span class="muted">—</span>;
  return (
    <time dateTime={value} title={value}>
      {formatInstant(value)}
    </time>
  );
}
