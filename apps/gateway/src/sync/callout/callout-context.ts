import { BadRequestException } from '@nestjs/common';
import {
  calloutParametersFrom,
  type CalloutContext,
  hasCalloutParameters,
  MAX_CALLOUT_PARAMETER_LENGTH,
} from '@subsync/domain';
import type { Caller } from '../../auth/caller';
import { type CalloutBody, parseCalloutBody } from './callout-body.parser';

export interface CalloutRequestParts extends CalloutBody {
  caller: Caller;
  /** `Zuora-Notification-Id`: the same on every retry of one notification. */
  notificationId: string | undefined;
}

/**
 * What a callout said, or null for a plain API sync. A request is a callout when it presents
 * the callout credentials, or when it carries a `Zuora-Notification-Id` or callout parameters
 * (Zuora may also authenticate with an OAuth bearer token). Bad parameters are a 400.
 */
export function calloutContextFrom(parts: CalloutRequestParts): CalloutContext | null {
  const parsed = calloutParametersFrom(parseCalloutBody(parts));
  if (!parsed.ok) throw new BadRequestException(`Invalid callout: ${parsed.error}`);
  const notificationId = parts.notificationId?.trim() || undefined;
  if (notificationId !== undefined && notificationId.length > MAX_CALLOUT_PARAMETER_LENGTH) {
    throw new BadRequestException(
      `Zuora-Notification-Id is longer than ${MAX_CALLOUT_PARAMETER_LENGTH} characters`,
    );
  }
  const isCallout =
    parts.caller.kind === 'callout-credentials' ||
    notificationId !== undefined ||
    hasCalloutParameters(parsed.parameters);
  if (!isCallout) return null;
  return { ...parsed.parameters, ...(notificationId === undefined ? {} : { notificationId }) };
}
