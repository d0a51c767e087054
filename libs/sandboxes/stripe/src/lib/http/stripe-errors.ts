import type { Request, Response } from 'express';
import { requestContext } from './request-context';

/** Stripe's v1 error types. */
export type StripeErrorType =
  'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorFields {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
}

/** An error a route throws; the error handler answers it with Stripe's envelope. */
export class StripeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly fields: StripeErrorFields,
    /** Extra response headers, e.g. `Stripe-Should-Retry`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(fields.message);
    this.name = 'StripeHttpError';
  }
}

/** `No such subscription: 'sub_x'` (404 for the object of the URL, 400 for a parameter's). */
export function noSuch(
  object: string,
  id: string,
  param = 'id',
  status: 400 | 404 = 404,
): StripeHttpError {
  return new StripeHttpError(status, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${object}: '${id}'`,
    param,
  });
}

export function invalidRequest(
  message: string,
  extra: { code?: string; param?: string } = {},
): StripeHttpError {
  return new StripeHttpError(400, { type: 'invalid_request_error', message, ...extra });
}

export function parameterUnknown(param: string): StripeHttpError {
  return invalidRequest(`Received unknown parameter: ${param}`, {
    code: 'parameter_unknown',
    param,
  });
}

export function parameterMissing(param: string): StripeHttpError {
  return invalidRequest(`Missing required param: ${param}.`, { code: 'parameter_missing', param });
}

/** How Stripe answers a URL it does not know (also `GET /v1/invoices/upcoming`, removed in basil). */
export function unrecognizedUrl(req: Request): StripeHttpError {
  // `originalUrl`, as `path` is relative to the router that answers.
  const path = req.originalUrl.split('?')[0] ?? req.originalUrl;
  return new StripeHttpError(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${req.method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  });
}

export function internalError(): StripeHttpError {
  return new StripeHttpError(500, {
    type: 'api_error',
    message:
      'An unknown error occurred while processing your request. Please retry, or contact us at https://support.stripe.com/ if the problem persists.',
  });
}

/** Answers with `{ error: { … } }`, adding `doc_url` for coded errors and `request_log_url`. */
export function sendStripeError(
  req: Request,
  res: Response,
  status: number,
  fields: StripeErrorFields,
  headers: Record<string, string> = {},
): void {
  const { requestId } = requestContext(req);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(status).json({
    error: {
      ...(fields.code === undefined ? {} : { code: fields.code }),
      ...(fields.decline_code === undefined ? {} : { decline_code: fields.decline_code }),
      ...(fields.code === undefined
        ? {}
        : { doc_url: `https://stripe.com/docs/error-codes/${fields.code.replace(/_/g, '-')}` }),
      message: fields.message,
      ...(fields.param === undefined ? {} : { param: fields.param }),
      request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}?t=${Math.floor(Date.now() / 1000)}`,
      type: fields.type,
    },
  });
}

export function sendHttpError(req: Request, res: Response, error: StripeHttpError): void {
  sendStripeError(req, res, error.status, error.fields, error.headers);
}
