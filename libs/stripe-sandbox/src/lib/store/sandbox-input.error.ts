import type { z } from 'zod';

/** Bad admin input: the admin API answers it with `status` and `{ message }`. */
export class SandboxInputError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
    this.name = 'SandboxInputError';
  }
}

export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const detail = result.error.issues
      .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new SandboxInputError(`invalid ${what}: ${detail}`);
  }
  return result.data;
}
