import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { UnauthorizedChallengeException } from '../http/unauthorized-challenge.exception';
import { ACCEPTS_CALLOUT_CREDENTIALS } from './accepts-callout-credentials.decorator';
import { parseAuthorization } from './authorization-header';
import { type Caller, setCaller } from './caller';
import { CalloutCredentialsVerifier } from './callout-credentials.verifier';
import { IS_PUBLIC } from './public.decorator';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

/** The challenge Zuora waits for before it sends a callout's Basic credentials. */
export const CALLOUT_CHALLENGE = 'Basic realm="subsync"';

/**
 * Every route needs `Authorization: Bearer <JWT>` unless it is marked @Public(). A route marked
 * @AcceptsCalloutCredentials() also takes the callout Basic credentials, and every 401 it
 * answers carries the Basic challenge.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly callouts: CalloutCredentialsVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true) return true;
    const acceptsCallouts =
      this.reflector.getAllAndOverride<boolean>(ACCEPTS_CALLOUT_CREDENTIALS, targets) === true;
    const request = context.switchToHttp().getRequest<Request>();
    const result = await this.authenticate(request, acceptsCallouts);
    if (!result.ok) {
      throw acceptsCallouts
        ? new UnauthorizedChallengeException(result.refusal, CALLOUT_CHALLENGE)
        : new UnauthorizedException(result.refusal);
    }
    setCaller(request, result.caller);
    return true;
  }

  private async authenticate(request: Request, acceptsCallouts: boolean): Promise<Authentication> {
    const presented = parseAuthorization(request.headers.authorization);
    switch (presented.scheme) {
      case 'bearer':
        try {
          await this.verifier.verify(presented.token);
          return { ok: true, caller: { kind: 'bearer' } };
        } catch (error) {
          if (error instanceof InvalidTokenError) return refused(error.message);
          throw error;
        }
      case 'basic':
        if (!acceptsCallouts) return refused(BEARER_REQUIRED);
        if (!this.callouts.configured) {
          return refused(`${BEARER_REQUIRED}. ${CALLOUTS_NOT_CONFIGURED}`);
        }
        return this.callouts.verify(presented)
          ? { ok: true, caller: { kind: 'callout-credentials' } }
          : refused('The callout credentials are not valid');
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

type Authentication = { ok: true; caller: Caller } | { ok: false; refusal: string };

const refused = (refusal: string): Authentication => ({ ok: false, refusal });

const BEARER_REQUIRED = 'A bearer token is required: send Authorization: Bearer <JWT>';
const CALLOUTS_NOT_CONFIGURED =
  'Callouts need one too: Basic callout credentials are not configured (CALLOUT_USERNAME, CALLOUT_PASSWORD)';
