import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  type HttpException,
  Inject,
  NotFoundException,
  Param,
  Put,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiViewResponse } from '../docs/api-view-response.decorator';
import type { Response } from 'express';
import type { GatewayConfig } from '@subsync/config';
import {
  type AuthProviderRefusal,
  type AuthProviderSecret,
  decideAuthProviderWrite,
  issuerTaken,
} from '@subsync/domain';
import {
  AUTH_PROVIDERS,
  type AuthProviderEntity,
  type AuthProviders,
  isUniqueViolation,
  SecretSealer,
} from '@subsync/persistence';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { nonPublicJwksUrl } from '../identity/jwks-address.policy';
import { type AuthProviderView, toAuthProviderView } from './auth-provider.view';
import {
  type AuthProviderBody,
  authProviderBodySchema,
  parseProviderId,
} from './auth-provider.schema';
import { parseInput } from './settings-input';
import { RequiresRole } from '../auth/requires-role.decorator';

/**
 * Settings > Authentication Providers: the identity providers whose ID tokens
 * `POST /api/identity/login` accepts, and the identity claims hot sync reads from them.
 */
@ApiTags('Settings')
@ApiBearerAuth()
@Controller('api/settings/auth-providers')
export class AuthProvidersController {
  constructor(
    @Inject(AUTH_PROVIDERS) private readonly providers: AuthProviders,
    @Inject(GATEWAY_CONFIG) private readonly config: Pick<GatewayConfig, 'allowPrivateJwks'>,
    private readonly sealer: SecretSealer,
  ) {}

  @Get()
  @RequiresRole('read')
  @ApiOperation({ summary: 'Every authentication provider (secrets masked)' })
  @ApiViewResponse('AuthProviderList')
  async list(): Promise<{ data: AuthProviderView[] }> {
    const rows = await this.providers.list();
    return { data: rows.map(toAuthProviderView) };
  }

  @Get(':providerId')
  @RequiresRole('read')
  @ApiViewResponse('AuthProviderView')
  async get(@Param('providerId') raw: string): Promise<AuthProviderView> {
    const id = parseProviderId(raw);
    const provider = await this.providers.find(id);
    if (provider === null) throw notFound(id);
    return toAuthProviderView(provider);
  }

  @Put(':providerId')
  @RequiresRole('administer')
  @ApiOperation({
    summary: 'Create (201) or replace (200) an authentication provider',
    description:
      'Exactly one of jwksUrl (RS256/ES256) or secret (HS256, at least 32 characters). A secret of "********" keeps the stored one. A secret is stored sealed with SECRETS_KEY; without it, a provider with a secret is refused (400).',
  })
  @ApiBody({
    schema: {
      example: {
        issuer: 'https://login.example.com/',
        jwksUrl: 'https://login.example.com/.well-known/jwks.json',
        audience: 'self-service',
        identityClaims: [
          {
            claim: 'sub',
            service: 'zuora',
            issuer: 'zuora',
            type: 'account',
            accountLookup: true,
            accountLookupField: 'ExternalId__c',
          },
        ],
      },
    },
  })
  @ApiViewResponse('AuthProviderView', 200, 'Replaced')
  @ApiViewResponse('AuthProviderView', 201, 'Created')
  async put(
    @Param('providerId') raw: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuthProviderView> {
    const id = parseProviderId(raw);
    const input = parseInput(authProviderBodySchema, body, 'authentication provider');
    if (input.jwksUrl !== null && !this.config.allowPrivateJwks) {
      const refused = await nonPublicJwksUrl(input.jwksUrl);
      if (refused !== null) {
        throw new BadRequestException(
          `Invalid authentication provider: jwksUrl: ${refused}; set AUTH_ALLOW_PRIVATE_JWKS=true to allow it`,
        );
      }
    }
    if (input.secret !== null && !this.sealer.canSeal) {
      throw new BadRequestException(
        'Invalid authentication provider: secret: cannot be stored, because SECRETS_KEY is not configured on the gateway (secrets are kept sealed with it); set SECRETS_KEY, or use a jwksUrl',
      );
    }
    const result = await this.save(id, input);
    if (!result.ok) throw refusalException(result.error);
    response.status(result.created ? 201 : 200);
    return toAuthProviderView(result.saved);
  }

  @Delete(':providerId')
  @RequiresRole('administer')
  @HttpCode(204)
  async remove(@Param('providerId') raw: string): Promise<void> {
    const id = parseProviderId(raw);
    if (!(await this.providers.remove(id))) throw notFound(id);
  }

  private async save(
    id: string,
    input: AuthProviderBody,
  ): Promise<
    | { ok: true; created: boolean; saved: AuthProviderEntity }
    | { ok: false; error: AuthProviderRefusal }
  > {
    try {
      return await this.providers.write(id, input.issuer, (current, issuerHolder) => {
        const decision = decideAuthProviderWrite(
          { id, issuer: input.issuer, secret: input.secret },
          current,
          issuerHolder,
        );
        if (!decision.ok) return decision;
        const secret = this.storedSecret(decision.secret);
        return { ok: true, created: decision.created, fields: { ...input, secret } };
      });
    } catch (error) {
      // Two concurrent PUTs may both pass the check above; the unique index settles it.
      if (isUniqueViolation(error)) return { ok: false, error: issuerTaken(input.issuer, null) };
      throw error;
    }
  }

  private storedSecret(secret: AuthProviderSecret): string | null {
    if (secret.kind === 'none') return null;
    return secret.kind === 'keep' ? secret.sealed : this.sealer.seal(secret.plain);
  }
}

const notFound = (id: string) => new NotFoundException(`No authentication provider '${id}'`);

function refusalException(refusal: AuthProviderRefusal): HttpException {
  switch (refusal.code) {
    case 'ISSUER_TAKEN':
      return new ConflictException(refusal.message);
    case 'NO_SECRET_TO_KEEP':
      return new BadRequestException(
        `Invalid authentication provider: ${refusal.field}: ${refusal.message}`,
      );
  }
}
