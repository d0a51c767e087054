import { randomBytes } from 'node:crypto';

/**
 * A Kafka cluster id as `kafka-storage random-uuid` makes them: 16 random bytes in URL-safe base64
 * without padding, never starting with '-' (it would read as a command-line flag).
 */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) {
      return id;
    }
  }
}
