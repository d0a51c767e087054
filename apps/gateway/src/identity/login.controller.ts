import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Logger,
  Post,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '@subsync/messaging';
import { Public } from '../auth/public.decorator';
import { parseInput } from '../settings/settings-input';
import { correlationIdFrom } from '../sync/sync-request.params';
import { IdTokenVerifier } from './id-token.verifier';
import { loginRequestSchema } from './login-request.schema';
import { RecordLoginService } from './record-login.service';

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
  ) {}

  @Post()
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Report a customer login (verified ID token) for hot sync',
    description:
      '202 once the login is recorded; 401 when the token does not verify against the configured authentication providers.',
  })
  @ApiBody({ schema: { example: { idToken: 'eyJhbGciOiJSUzI1NiIsImtpZCI6...' } } })
  async login(
    @Body() body: unknown,
    @Headers('x-correlation-id') correlationHeader: string | undefined,
  ): Promise<{ accepted: true }> {
    const { idToken } = parseInput(loginRequestSchema, body, 'login');
    const now = this.clock.now();
    const verification = await this.verifier.verify(idToken, now);
    if (!verification.ok) {
      if (verification.reason === 'unavailable') {
        this.logger.warn(verification.message);
        throw new ServiceUnavailableException(verification.message);
      }
      throw new UnauthorizedException(verification.message);
    }
    const { provider, issuer, subject, claims } = verification.token;
    await this.logins.record(
      { issuer, subject, claims: { ...claims }, providerId: provider.id },
      correlationIdFrom(correlationHeader),
      now,
    );
    return { accepted: true };
  }
}
