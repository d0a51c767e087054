import type { z } from 'zod';

/** Bad admin input: the admin API answers it with `status` and `{ message }`. */
export class SandboxInputError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
    this.name = 'SandboxInputError';
  }
}

/** `path: message` for each issue, joined with `; `; an issue about the value itself is `root`. */
export function describeIssues(error: z.ZodError, root = '(root)'): string {
  return error.issues
    .map((i) => `${i.path.map(String).join('.') || root}: ${i.message}`)
    .join('; ');
}

/** The parsed value, or a SandboxInputError `invalid <what>: <issues>`. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new SandboxInputError(`invalid ${what}: ${describeIssues(result.error)}`);
  }
  return result.data;
}
