import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from './roles';

/** Who the guard let in: an API client with a bearer token, or Zuora with callout credentials. */
export type Caller =
  | { kind: 'bearer'; subject: string; roles: Role[]; expiresAt: Date | null }
  | { kind: 'callout-credentials' };

const CALLER = Symbol('subsync:caller');
type RequestWithCaller = Request & { [CALLER]?: Caller };

export function setCaller(request: Request, caller: Caller): void {
  (request as RequestWithCaller)[CALLER] = caller;
}

/** The authenticated caller of this request (set by the global auth guard). */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller => {
    const caller = context.switchToHttp().getRequest<RequestWithCaller>()[CALLER];
    if (caller === undefined)
      throw new Error('CurrentCaller used on a route the guard did not authenticate');
    return caller;
  },
);
