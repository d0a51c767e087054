import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/** Parses a request body with a zod schema; a failure is a 400 naming each offending field. */
export function parseInput<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const issues = result.error.issues
      .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
      .join('; ');
    throw new BadRequestException(`Invalid ${what}: ${issues}`);
  }
  return result.data;
}
