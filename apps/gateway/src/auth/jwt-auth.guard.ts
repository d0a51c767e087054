import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { GatewayConfig } from '@subsync/config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { clientAddress } from '../http/client-address';
import { Throttles } from '../http/failure-throttle';
import { UnauthorizedChallengeException } from '../http/unauthorized-challenge.exception';
import { ACCEPTS_CALLOUT_CREDENTIALS } from './accepts-callout-credentials.decorator';
import { parseAuthorization } from './authorization-header';
import { type Caller, setCaller } from './caller';
import { CalloutCredentialsVerifier } from './callout-credentials.verifier';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLE, type RouteAccess } from './requires-role.decorator';
import { allows, rolesGrantedBy } from './roles';
import { InvalidTokenError, KeySetUnavailableError, TokenVerifier } from './token-verifier';

/** How long a caller is asked to wait when the key set cannot be fetched. */
const KEY_SET_RETRY_AFTER_SECONDS = 5;

/** The challenge Zuora waits for before it sends a callout's Basic credentials. */
export const CALLOUT_CHALLENGE = 'Basic realm="subsync"';

/**
 * Every route needs `Authorization: Bearer <JWT>` unless it is marked @Public(). A route marked
 * @AcceptsCalloutCredentials() also takes the callout Basic credentials, and every 401 it
 * answers carries the Basic challenge. Then the token must grant the role the route declares
 * with @RequiresRole() (403 otherwise); a route that declares none is refused.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly logger = new Logger(JwtAuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly callouts: CalloutCredentialsVerifier,
    private readonly throttles: Throttles,
    @Inject(GATEWAY_CONFIG) private readonly config: Pick<GatewayConfig, 'rolesClaims'>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true) return true;
    const acceptsCallouts =
      this.reflector.getAllAndOverride<boolean>(ACCEPTS_CALLOUT_CREDENTIALS, targets) === true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    let result: Authentication;
    try {
      result = await this.authenticate(request, acceptsCallouts);
    } catch (error) {
      if (!(error instanceof KeySetUnavailableError)) throw error;
      // The detail (URL, socket error) is for the log; the caller only learns to come back.
      this.logger.warn(`The key set of AUTH_JWKS_URL could not be fetched: ${error.message}`);
      http.getResponse<Response>().setHeader('Retry-After', String(KEY_SET_RETRY_AFTER_SECONDS));
      throw new ServiceUnavailableException(
        'Bearer tokens cannot be verified right now; try again shortly',
      );
    }
    if (!result.ok) {
      throw acceptsCallouts
        ? new UnauthorizedChallengeException(result.refusal, CALLOUT_CHALLENGE)
        : new UnauthorizedException(result.refusal);
    }
    authorize(result.caller, this.reflector.getAllAndOverride<RouteAccess>(REQUIRED_ROLE, targets));
    setCaller(request, result.caller);
    return true;
  }

  private async authenticate(request: Request, acceptsCallouts: boolean): Promise<Authentication> {
    const presented = parseAuthorization(request.headers.authorization);
    switch (presented.scheme) {
      case 'bearer':
        try {
          const payload = await this.verifier.verify(presented.token);
          const caller: Caller = {
            kind: 'bearer',
            subject: payload.sub ?? '',
            roles: rolesGrantedBy(payload, this.config.rolesClaims),
            expiresAt: payload.exp === undefined ? null : new Date(payload.exp * 1000),
          };
          return { ok: true, caller };
        } catch (error) {
          if (error instanceof InvalidTokenError) return refused(error.message);
          throw error;
        }
      case 'basic':
        if (!acceptsCallouts) return refused(BEARER_REQUIRED);
        if (!this.callouts.configured) {
          return refused(`${BEARER_REQUIRED}. ${CALLOUTS_NOT_CONFIGURED}`);
        }
        // A guessed password is the risk here: refused before checking once failures pile up.
        await this.throttles.callout.admit(clientAddress(request));
        if (this.callouts.verify(presented)) {
          return { ok: true, caller: { kind: 'callout-credentials' } };
        }
        await this.throttles.callout.recordFailure(clientAddress(request));
        return refused('The callout credentials are not valid');
      case 'none':
      case 'other':
        if (!acceptsCallouts) return refused(BEARER_REQUIRED);
        return refused(
          this.callouts.configured
            ? `${BEARER_REQUIRED}, or Basic credentials for a Zuora callout`
            : `${BEARER_REQUIRED}. ${CALLOUTS_NOT_CONFIGURED}`,
        );
    }
  }
}

/** Callout credentials only open the callout route, which needs `operate`. */
function authorize(caller: Caller, needed: RouteAccess | undefined): void {
  if (needed === undefined) {
    throw new ForbiddenException('This route declares no role, so no token may call it');
  }
  if (caller.kind === 'callout-credentials' || needed === 'signed-in') return;
  if (allows(caller.roles, needed)) return;
  const granted = caller.roles.length > 0 ? `only: ${caller.roles.join(', ')}` : 'no role';
  throw new ForbiddenException(
    `This route needs the '${needed}' role; the token grants ${granted}`,
  );
}

type Authentication = { ok: true; caller: Caller } | { ok: false; refusal: string };

const refused = (refusal: string): Authentication => ({ ok: false, refusal });

const BEARER_REQUIRED = 'A bearer token is required: send Authorization: Bearer <JWT>';
const CALLOUTS_NOT_CONFIGURED =
  'Callouts need one too: Basic callout credentials are not configured (CALLOUT_USERNAME, CALLOUT_PASSWORD)';
