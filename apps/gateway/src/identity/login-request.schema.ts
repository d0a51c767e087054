import { z } from 'zod';

/** Real ID tokens are a few KB; the cap keeps a pathological body from reaching the verifier. */
const MAX_ID_TOKEN_LENGTH = 16_384;

export const loginRequestSchema = z.object({
  idToken: z
    .string({ error: 'is required: the ID token (a JWT) of the user who logged in' })
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_ID_TOKEN_LENGTH, `must be at most ${MAX_ID_TOKEN_LENGTH} characters`),
});
