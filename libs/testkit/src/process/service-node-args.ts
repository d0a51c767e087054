/**
 * The Node.js flags the services run with, wherever this project starts them (`npm start`, the
 * tests, the benchmark); run them with the same flags elsewhere (in NODE_OPTIONS, say). They keep
 * a service small, at the cost of more frequent (cheap) collections:
 * - `--max-semi-space-size=2`: a young generation of a few MB instead of V8's default (up to 48 MB);
 * - `--max-old-space-size=80`: the old generation is collected before it outgrows 80 MB (a
 *   service holds about 45 MB at rest, and its work in flight is bounded: SYNC_MAX_IN_FLIGHT
 *   syncs, ten times that many buffered messages, batches of 64).
 * Source maps are off (stack traces name the compiled files in dist/, which follow the
 * sources closely); add `--enable-source-maps` when debugging.
 */
export const SERVICE_NODE_ARGS: readonly string[] = [
  '--max-semi-space-size=2',
  '--max-old-space-size=80',
];
