import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiForbiddenResponse } from '@nestjs/swagger';
import type { Role } from './roles';

export const REQUIRED_ROLE = 'subsync:required-role';

/** What a route needs besides a valid token: a role, or nothing more (`signed-in`). */
export type RouteAccess = Role | 'signed-in';

/**
 * Declares the role a route needs; a valid token without it gets 403. The OpenAPI document
 * names it as `x-required-role`. A route that declares nothing is refused to every token, so a
 * new route cannot be left open by mistake.
 */
export const RequiresRole = (role: Role) =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLE, role),
    ApiExtension('x-required-role', role),
    ApiForbiddenResponse({
      description: `{"message": "…"}: the token does not grant the '${role}' role`,
    }),
  );

/** A route any valid operator token may call, whatever its roles (the console's session). */
export const SignedIn = () =>
  applyDecorators(SetMetadata(REQUIRED_ROLE, 'signed-in'), ApiExtension('x-required-role', 'none'));
