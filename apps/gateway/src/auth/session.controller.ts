import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiViewResponse } from '../docs/api-view-response.decorator';
import { z } from 'zod';
import { type Caller, CurrentCaller } from './caller';
import { SignedIn } from './requires-role.decorator';
import { effectiveRoles, ROLES } from './roles';

export const sessionViewSchema = z.object({
  subject: z.string(),
  roles: z
    .array(z.enum(ROLES))
    .describe('Each role the token grants, the ones a higher role includes listed too.'),
  expiresAt: z.string().nullable(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

/** Who the bearer token is: the console shows only what its roles allow. */
@ApiTags('Session')
@ApiBearerAuth()
@Controller('api/session')
export class SessionController {
  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'The subject, roles and expiry of the bearer token (any valid token may ask)',
  })
  @ApiViewResponse('SessionView')
  get(@CurrentCaller() caller: Caller): SessionView {
    if (caller.kind !== 'bearer') return { subject: 'zuora-callout', roles: [], expiresAt: null };
    return {
      subject: caller.subject,
      roles: effectiveRoles(caller.roles),
      expiresAt: caller.expiresAt?.toISOString() ?? null,
    };
  }
}
