import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Logger,
  Post,
  Req,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { identityMetrics } from '@subsync/metrics';
import { Clock } from '@subsync/messaging';
import { Public } from '../auth/public.decorator';
import { clientAddress } from '../http/client-address';
import { Throttles } from '../http/failure-throttle';
import { assertSafeInput } from '../http/input-boundary';
import { RETRY_AFTER_SECONDS } from '../http/dependency-unavailable';
import { parseInput } from '../settings/settings-input';
import { correlationIdFrom } from '../sync/sync-request.params';
import { IdTokenVerifier } from './id-token.verifier';
import { claimsNeeded } from './login-claims';
import { loginRequestSchema } from './login-request.schema';
import { RecordLoginService } from './record-login.service';

const KEYS_UNAVAILABLE = `The authentication provider's keys cannot be fetched right now; try again in ${RETRY_AFTER_SECONDS} seconds`;

/**
 * The login intake: the platform posts the ID token of each customer login. A verified token
 * becomes `identity.login.v1`; hot sync decides from there whether anything is synced.
 * Public: the ID token itself is the credential.
 */
@ApiTags('Identity')
@Controller('api/identity/login')
export class LoginController {
  private readonly logger = new Logger(LoginController.name);

  constructor(
    private readonly verifier: IdTokenVerifier,
    private readonly logins: RecordLoginService,
    private readonly clock: Clock,
    private readonly throttles: Throttles,
  ) {}

  @Post()
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Report a customer login (verified ID token) for hot sync',
    description:
      '202 once the login is recorded; 401 when the token does not verify against the configured authentication providers; 429 with Retry-After once too many logins failed from this address, or from everywhere (THROTTLE_LOGIN_*).',
  })
  @ApiBody({ schema: { example: { idToken: 'eyJhbGciOiJSUzI1NiIsImtpZCI6...' } } })
  async login(
    @Body() body: unknown,
    @Headers('x-correlation-id') correlationHeader: string | undefined,
    @Req() request: Request,
  ): Promise<{ accepted: true }> {
    const address = clientAddress(request);
    // Refused before any parsing or key fetching once this address (or everyone) failed too often.
    await this.throttles.login.admit(address);
    let idToken: string;
    try {
      ({ idToken } = parseInput(loginRequestSchema, body, 'login'));
    } catch (error) {
      await this.throttles.login.recordFailure(address);
      throw error;
    }
    const now = this.clock.now();
    const verification = await this.verifier.verify(idToken, now);
    identityMetrics.loginVerified(verification.ok ? 'verified' : verification.reason);
    if (!verification.ok) {
      if (verification.reason === 'unavailable') {
        // The detail names the provider's URL and the socket error: for the log only.
        this.logger.warn(verification.message);
        throw new ServiceUnavailableException(KEYS_UNAVAILABLE);
      }
      await this.throttles.login.recordFailure(address);
      throw new UnauthorizedException(verification.message);
    }
    const { provider, issuer, subject, claims } = verification.token;
    const login = {
      issuer,
      subject,
      claims: claimsNeeded(claims, provider.identityClaims),
      providerId: provider.id,
    };
    // Signed by the provider, yet still outside input: PostgreSQL refuses a NUL even in jsonb.
    assertSafeInput(login, 'the ID token');
    await this.logins.record(login, correlationIdFrom(correlationHeader), now);
    return { accepted: true };
  }
}
