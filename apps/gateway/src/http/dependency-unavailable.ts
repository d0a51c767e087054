import { errors as jose } from 'jose';
import { isDatabaseUnavailable } from '@subsync/persistence';

/** Seconds a caller is asked to wait (`Retry-After`) when a dependency is down. */
export const RETRY_AFTER_SECONDS = 5;

/** What an answer says when a dependency is down: nothing about hosts, ports or sockets. */
export const DEPENDENCY_DOWN_MESSAGE = `A service this request needs is unavailable right now; try again in ${RETRY_AFTER_SECONDS} seconds`;

// Socket errors of a dependency that is down or unreachable (PostgreSQL, Kafka, a key set).
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * True when `error` says a dependency is unreachable rather than that the request or the code
 * is wrong: a socket error, PostgreSQL refusing connections (SQLSTATE class 08, 57P01-57P03,
 * 53300) or a lost connection (isDatabaseUnavailable), a Kafka client error, or a key set that
 * timed out. The error, its `cause` and an AggregateError's members are all looked at.
 */
export function isDependencyDown(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const next = pending.pop();
    if (!(next instanceof Error) || seen.has(next)) continue;
    seen.add(next);
    if (saysDown(next)) return true;
    pending.push(next.cause);
    if (next instanceof AggregateError) pending.push(...(next.errors as unknown[]));
  }
  return false;
}

function saysDown(error: Error): boolean {
  if (error instanceof jose.JWKSTimeout) return true;
  if (error.name.startsWith('KafkaJS')) return true;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  return isDatabaseUnavailable(error);
}
