import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import { MASKED_SECRET } from '@subsync/domain';

const PROVIDER_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** A Zuora custom field: API names of custom fields end in `__c`. */
export const ZUORA_CUSTOM_FIELD = /^[A-Za-z][A-Za-z0-9_]*__c$/;
export const MIN_SECRET_LENGTH = 32;

const text = z.string().trim().min(1, 'must be a non-empty string').max(1024);

const httpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'http:' || protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

export const identityClaimSchema = z
  .object({
    claim: text,
    service: text,
    issuer: text,
    type: text,
    accountLookup: z.boolean({ error: 'must be true or false' }).default(false),
    accountLookupField: z
      .string()
      .trim()
      .regex(ZUORA_CUSTOM_FIELD, 'must be a Zuora custom field name such as ExternalId__c')
      .nullable()
      .default(null),
  })
  .superRefine((claim, context) => {
    if (claim.accountLookup && claim.accountLookupField === null) {
      context.addIssue({
        code: 'custom',
        path: ['accountLookupField'],
        message:
          'is required when accountLookup is true (the Zuora custom field, e.g. ExternalId__c)',
      });
    }
  });

export const authProviderBodySchema = z
  .object({
    issuer: text,
    jwksUrl: httpUrl.nullish(),
    secret: z
      .string()
      .refine(
        (value) => value === MASKED_SECRET || value.length >= MIN_SECRET_LENGTH,
        `must be at least ${MIN_SECRET_LENGTH} characters`,
      )
      .nullish(),
    audience: text.nullish(),
    identityClaims: z.array(identityClaimSchema).max(50).default([]),
  })
  .superRefine((body, context) => {
    const given = [body.jwksUrl, body.secret].filter((v) => v !== undefined && v !== null).length;
    if (given !== 1) {
      context.addIssue({
        code: 'custom',
        path: ['jwksUrl'],
        message: 'give exactly one of jwksUrl (RS256/ES256) or secret (HS256)',
      });
    }
  })
  .transform((body) => ({
    issuer: body.issuer,
    jwksUrl: body.jwksUrl ?? null,
    secret: body.secret ?? null,
    audience: body.audience ?? null,
    identityClaims: body.identityClaims,
  }));
export type AuthProviderBody = z.infer<typeof authProviderBodySchema>;

export function parseProviderId(raw: string): string {
  if (!PROVIDER_ID.test(raw)) {
    throw new BadRequestException(
      `'${raw.slice(0, 80)}' is not a provider id: use 1 to 64 letters, digits, '_' or '-'`,
    );
  }
  return raw;
}
