// node-postgres reports a connection it lost, or could not get in time, in words only.
const POSTGRES_CONNECTION_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection is closed/i,
];

/**
 * True when `error` says PostgreSQL cannot serve rather than that the query is wrong: it refuses
 * connections (SQLSTATE class 08, 57P01-57P03, 53300) or a connection was lost. The error and
 * its `driverError` (what TypeORM wraps) are looked at; socket errors are the caller's to read.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { driverError } = error as Error & { driverError?: unknown };
  return saysDown(error) || (driverError instanceof Error && saysDown(driverError));
}

function saysDown(error: Error): boolean {
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code === 'string' && /^(08...|57P0[123]|53300)$/.test(code)) return true;
  return POSTGRES_CONNECTION_MESSAGES.some((pattern) => pattern.test(error.message));
}
