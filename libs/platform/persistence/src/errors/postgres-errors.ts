import { QueryFailedError } from 'typeorm';

const UNIQUE_VIOLATION = '23505';

/** True when PostgreSQL refused a write because a unique index already holds the value. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: unknown; constraint?: unknown } | undefined;
  if (driverError?.code !== UNIQUE_VIOLATION) return false;
  return constraint === undefined || driverError.constraint === constraint;
}
