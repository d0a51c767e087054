import type { Request, Response } from 'express';
import { sendProxyErrorPage } from '@subsync/sandbox-kit';
import { zuoraProcessId } from '../util/ids';
import {
  isVersionAtLeast,
  OBJECT_QUERY_ENVELOPE_SINCE,
  requestContext,
  STATUS_CODE_ERRORS_SINCE,
} from './request-context';

/** The last two digits of a Zuora error code. */
export type ErrorCategory =
  10 | 11 | 20 | 21 | 22 | 23 | 27 | 30 | 40 | 45 | 50 | 60 | 61 | 70 | 90 | 99;

export const ERROR_CATEGORIES: readonly ErrorCategory[] = [
  10, 11, 20, 21, 22, 23, 27, 30, 40, 45, 50, 60, 61, 70, 90, 99,
];

const STATUS_BY_CATEGORY: Record<ErrorCategory, number> = {
  10: 403,
  11: 401,
  20: 400,
  21: 400,
  22: 400,
  23: 400,
  27: 400,
  30: 400,
  40: 404,
  45: 405,
  50: 409,
  60: 500,
  61: 500,
  70: 429,
  90: 400,
  99: 500,
};

/** GET and DELETE requests have no body, so their errors carry the generic resource code. */
const GENERIC_RESOURCE = '500000';
/** Resource code used for authentication failures. */
const AUTH_RESOURCE = '900000';

function errorCode(resource: string, category: ErrorCategory): number {
  return Number(`${resource}${String(category).padStart(2, '0')}`);
}

/**
 * A business error in the style the request's `Zuora-Version` selects: the mapped HTTP status
 * from 2024-05-20 on, otherwise HTTP 200 with `success: false`.
 */
export function sendZuoraError(
  req: Request,
  res: Response,
  category: ErrorCategory,
  message: string,
): void {
  const { zuoraVersion, requestId } = requestContext(req);
  const status = isVersionAtLeast(zuoraVersion, STATUS_CODE_ERRORS_SINCE)
    ? STATUS_BY_CATEGORY[category]
    : 200;
  const reasons = [{ code: errorCode(GENERIC_RESOURCE, category), message }];
  const objectQueryEnvelope =
    req.originalUrl.startsWith('/object-query') &&
    isVersionAtLeast(zuoraVersion, OBJECT_QUERY_ENVELOPE_SINCE);
  res
    .status(status)
    .json(
      objectQueryEnvelope
        ? { reasons, requestId }
        : { success: false, processId: zuoraProcessId(), reasons },
    );
}

/** Authentication failures come from Zuora's gateway: always HTTP 401, whatever the version. */
export function sendAuthenticationError(res: Response, message: string, challenge: string): void {
  res
    .status(401)
    .setHeader('WWW-Authenticate', challenge)
    .json({
      success: false,
      processId: zuoraProcessId(),
      reasons: [{ code: errorCode(AUTH_RESOURCE, 11), message }],
    });
}

/** Rate and concurrency limits: always HTTP 429 with `Retry-After`, category 70. */
export function sendLimitExceeded(res: Response, retryAfterSeconds: number, message: string): void {
  res
    .status(429)
    .setHeader('Retry-After', String(retryAfterSeconds))
    .json({
      success: false,
      processId: zuoraProcessId(),
      reasons: [{ code: errorCode(GENERIC_RESOURCE, 70), message }],
    });
}

/** An infrastructure failure. 500 answers with Zuora's envelope; 502–504 with a proxy's HTML page. */
export function sendServerFailure(res: Response, status: number): void {
  if (status === 500) {
    res.status(500).json({
      success: false,
      processId: zuoraProcessId(),
      reasons: [
        {
          code: errorCode(GENERIC_RESOURCE, 60),
          message: 'An internal error occurred. Please retry later.',
        },
      ],
    });
    return;
  }
  sendProxyErrorPage(res, status);
}
