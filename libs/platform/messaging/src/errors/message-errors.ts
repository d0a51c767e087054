/** A message that can never be processed, however often it is retried: it goes to the DLT. */
export class PermanentMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentMessageError';
  }
}

export type FailureKind = 'permanent' | 'infrastructure' | 'retryable';

// PostgreSQL SQLSTATEs that mean "try again": connection loss, shutdown, too many clients,
// serialization failure, deadlock, and a unique violation lost to a concurrent writer.
const TRANSIENT_SQLSTATES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '40001',
  '40P01',
  '23505',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Sorts a handler failure:
 * - permanent: dead-letter at once;
 * - infrastructure: PostgreSQL or the network is down; retry until it is back, never drop;
 * - retryable: anything else; retry a few times, then dead-letter with the error.
 */
export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof PermanentMessageError) return 'permanent';
  const code = errorCode(error);
  if (code !== undefined) {
    if (NETWORK_CODES.has(code) || code.startsWith('08') || TRANSIENT_SQLSTATES.has(code)) {
      return code === '23505' || code === '40001' || code === '40P01'
        ? 'retryable'
        : 'infrastructure';
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  if (
    /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(
      message,
    )
  ) {
    return 'infrastructure';
  }
  return 'retryable';
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  // TypeORM wraps the driver's error.
  const driver = (error as { driverError?: unknown }).driverError;
  return driver === undefined ? undefined : errorCode(driver);
}

export function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: typeof error, message: String(error) };
}
