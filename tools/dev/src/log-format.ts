// Services log pino JSON; for a person at a terminal, one readable line per entry is kinder.
const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

export function formatServiceLine(service: string, line: string): string {
  const label = `[${service}]`.padEnd(15);
  if (!line.startsWith('{')) return `${label} ${line}`;
  try {
    const entry = JSON.parse(line) as {
      level?: number;
      msg?: string;
      context?: string;
      err?: { message?: string };
    };
    const level = LEVELS[entry.level ?? 30] ?? 'info';
    const context = entry.context ? `${entry.context}: ` : '';
    const error = entry.err?.message ? ` (${entry.err.message})` : '';
    return `${label} ${level.padEnd(5)} ${context}${entry.msg ?? ''}${error}`;
  } catch {
    return `${label} ${line}`;
  }
}
