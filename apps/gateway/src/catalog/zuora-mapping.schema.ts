import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

const PRODUCT_RATE_PLAN_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const zuoraMappingBodySchema = z.object({
  offerId: z.string().trim().min(1).max(255),
  offerName: z.string().trim().min(1).max(255),
});
export type ZuoraMappingBody = z.infer<typeof zuoraMappingBodySchema>;

export function parseMappingBody(body: unknown): ZuoraMappingBody {
  const result = zuoraMappingBodySchema.safeParse(body ?? {});
  if (!result.success) {
    throw new BadRequestException(
      `Invalid mapping: ${result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`,
    );
  }
  return result.data;
}

export function parseProductRatePlanId(raw: string): string {
  if (!PRODUCT_RATE_PLAN_ID.test(raw)) {
    throw new BadRequestException(`'${raw.slice(0, 80)}' is not a Zuora product rate plan id`);
  }
  return raw;
}
