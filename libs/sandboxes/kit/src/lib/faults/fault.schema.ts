import { z } from 'zod';

// Shapes, not objects: each sandbox decides whether its fault bodies are strict about unknown keys.

/** The `FaultMatch` fields of a `POST /sandbox/faults` body. */
export const faultMatchShape = {
  count: z.number().int().min(1).optional(),
  pathPrefix: z.string().startsWith('/').optional(),
  method: z.string().optional(),
};

/** A `delay` fault body (`delayMs` up to ten minutes). */
export const delayFaultShape = {
  type: z.literal('delay'),
  delayMs: z.number().int().min(0).max(600_000),
  ...faultMatchShape,
};
