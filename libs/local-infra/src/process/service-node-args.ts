/**
 * The Node.js flags the services run with, wherever this project starts them (`npm start`, the
 * tests, the benchmark); run them with the same flags elsewhere (in NODE_OPTIONS, say). Under the
 * bench's load they keep a service at 125–145 MiB at peak instead of 250–330 MB (measured with
 * `npm run bench`; see docs/benchmarks.md):
 * - `--max-semi-space-size=4`: a young generation of 12 MB at most, instead of V8's 48 MB;
 * - `--max-old-space-size=56`: the old generation is collected before it outgrows 56 MB. A
 *   service holds about 35 MB at rest (a heap snapshot of zuora-sync: mostly its modules' code
 *   and source), and its work in flight is bounded (SYNC_MAX_IN_FLIGHT syncs, ten times as many
 *   buffered messages, batches of 64). At 64 MB, V8 let garbage reach the limit before it
 *   collected, and zuora-sync peaked at 143–154 MiB; 56 MB took 1 to 10 MiB off the peaks and
 *   no measurable throughput.
 * Source maps are off (stack traces name the compiled files in dist/, which follow the sources
 * closely); add `--enable-source-maps` when debugging.
 */
export const SERVICE_NODE_ARGS: readonly string[] = [
  '--max-semi-space-size=4',
  '--max-old-space-size=56',
];
