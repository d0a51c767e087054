import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Put,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiViewResponse } from '../docs/api-view-response.decorator';
import type { Response } from 'express';
import { DataSource, type EntityManager } from 'typeorm';
import type { GatewayConfig } from '@subsync/config';
import { AuthProviderEntity, isUniqueViolation, SecretSealer } from '@subsync/persistence';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { nonPublicJwksUrl } from '../identity/jwks-address.policy';
import { type AuthProviderView, toAuthProviderView } from './auth-provider.view';
import { authProviderBodySchema, MASKED_SECRET, parseProviderId } from './auth-provider.schema';
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
    private readonly dataSource: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: Pick<GatewayConfig, 'allowPrivateJwks'>,
    private readonly sealer: SecretSealer,
  ) {}

  @Get()
  @RequiresRole('read')
  @ApiOperation({ summary: 'Every authentication provider (secrets masked)' })
  @ApiViewResponse('AuthProviderList')
  async list(): Promise<{ data: AuthProviderView[] }> {
    const rows = await this.dataSource
      .getRepository(AuthProviderEntity)
      .find({ order: { id: 'ASC' } });
    return { data: rows.map(toAuthProviderView) };
  }

  @Get(':providerId')
  @RequiresRole('read')
  @ApiViewResponse('AuthProviderView')
  async get(@Param('providerId') raw: string): Promise<AuthProviderView> {
    return toAuthProviderView(await this.find(this.dataSource.manager, parseProviderId(raw)));
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
    try {
      const { existed, saved } = await this.dataSource.transaction(async (manager) => {
        const repository = manager.getRepository(AuthProviderEntity);
        const current = await repository.findOneBy({ id });
        const sameIssuer = await repository.findOneBy({ issuer: input.issuer });
        if (sameIssuer !== null && sameIssuer.id !== id)
          throw issuerTaken(input.issuer, sameIssuer.id);
        let secret = input.secret;
        if (secret === MASKED_SECRET) {
          if (current?.secret == null) {
            throw new BadRequestException(
              `Invalid authentication provider: secret: provider '${id}' has no stored secret to keep, send the secret itself`,
            );
          }
          secret = current.secret;
        } else if (secret !== null) {
          secret = this.sealer.seal(secret);
        }
        await repository.upsert({ id, ...input, secret }, ['id']);
        return { existed: current !== null, saved: await this.find(manager, id) };
      });
      response.status(existed ? 200 : 201);
      return toAuthProviderView(saved);
    } catch (error) {
      // Two concurrent PUTs may both pass the check above; the unique index settles it.
      if (isUniqueViolation(error)) {
        throw issuerTaken(input.issuer, null);
      }
      throw error;
    }
  }

  @Delete(':providerId')
  @RequiresRole('administer')
  @HttpCode(204)
  async remove(@Param('providerId') raw: string): Promise<void> {
    const id = parseProviderId(raw);
    const { affected } = await this.dataSource.getRepository(AuthProviderEntity).delete({ id });
    if (!affected) throw notFound(id);
  }

  private async find(manager: EntityManager, id: string): Promise<AuthProviderEntity> {
    const provider = await manager.getRepository(AuthProviderEntity).findOneBy({ id });
    if (provider === null) throw notFound(id);
    return provider;
  }
}

const notFound = (id: string) => new NotFoundException(`No authentication provider '${id}'`);

function issuerTaken(issuer: string, otherId: string | null): ConflictException {
  const owner = otherId === null ? 'another provider' : `provider '${otherId}'`;
  return new ConflictException(
    `Issuer '${issuer}' is already configured by ${owner}: an issuer has one provider`,
  );
}
