import { z } from 'zod';

/** The counters that the overview totals over its range. */
export const TOTALLED = [
  'succeeded',
  'failed',
  'skipped',
  'coalesced',
  'deadLetters',
  'upstreamRequests',
  'rateLimited',
] as const;

const counts = z.array(z.number());
/** A gauge or a latency: null where no process reported in the slot. */
const series = z.array(z.number().nullable());

/** `GET /api/overview`: per-slot series from every service's stored metric samples. */
export const overviewViewSchema = z.object({
  from: z.string(),
  to: z.string(),
  stepSeconds: z.number(),
  times: z.array(z.number()).describe("Each point's slot start, epoch seconds."),
  syncsPerMinute: z.object({ succeeded: counts, failed: counts, skipped: counts }),
  coalescedPerMinute: counts,
  deadLettersPerMinute: counts,
  upstream: z.object({
    requestsPerMinute: counts,
    rateLimitedPerMinute: counts,
    meanMs: series,
    p95Ms: series,
  }),
  consumerLag: series,
  outboxBacklog: series,
  outboxOldestAgeSeconds: series,
  totals: z
    .object(
      Object.fromEntries(TOTALLED.map((name) => [name, z.number()])) as Record<
        (typeof TOTALLED)[number],
        z.ZodNumber
      >,
    )
    .describe('Over the whole window.'),
  reporting: z
    .array(z.object({ service: z.string(), processes: z.number(), lastSampleAt: z.string() }))
    .describe('The services whose processes stored samples in the window.'),
});
export type OverviewView = z.infer<typeof overviewViewSchema>;
