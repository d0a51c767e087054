// Status is always written out; the colour only repeats it.
const TONES: Record<string, string> = {
  succeeded: 'good',
  completed: 'good',
  running: 'info',
  paused: 'warn',
  active: 'good',
  paid: 'good',
  failed: 'bad',
  skipped: 'warn',
  suspended: 'warn',
  queued: 'info',
  pending: 'info',
  cancelled: 'neutral',
  expired: 'neutral',
};

export function StatusPill({ status }: { status: string }) {
  return (
    <span class={`pill pill-${TONES[status] ?? 'neutral'}`} data-status={status}>
      {status}
    </span>
  );
}
