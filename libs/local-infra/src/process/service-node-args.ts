/**
 * The Node.js flags the services run with, wherever this project starts them (`npm start`, the
 * tests, the benchmark); run them with the same flags elsewhere (in NODE_OPTIONS, say). They keep
 * a service at about 130 MB under load instead of 250–330 MB (measured with `npm run bench`):
 * - `--max-semi-space-size=4`: a young generation of 12 MB at most, instead of V8's 48 MB;
 * - `--max-old-space-size=64`: the old generation is collected before it outgrows 64 MB. A
 *   service holds about 30 MB at rest (mostly its modules' code), and its work in flight is
 *   bounded (SYNC_MAX_IN_FLIGHT syncs, ten times as many buffered messages, batches of 64).
 * Source maps are off (stack traces name the compiled files in dist/, which follow the sources
 * closely); add `--enable-source-maps` when debugging.
 */
export const SERVICE_NODE_ARGS: readonly string[] = [
  '--max-semi-space-size=4',
  '--max-old-space-size=64',
];
