import type { RequestHandler } from 'express';
import { sendStripeError } from './stripe-errors';

const NO_KEY =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

/** `sk_test_…abcd` → `sk_test_*****abcd`, as Stripe echoes a wrong key. */
function mask(key: string): string {
  const prefix = /^[a-z]{2}_(test|live)_/.exec(key)?.[0] ?? '';
  const tail = key.length - prefix.length > 4 ? key.slice(-4) : '';
  return `${prefix}${'*'.repeat(Math.max(0, key.length - prefix.length - tail.length))}${tail}`;
}

/** The secret key from `Authorization: Bearer <key>` or Basic auth with the key as user name. */
function keyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (basic?.[1]) return Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0];
  return '';
}

/** Every `/v1` call needs the account's secret key; otherwise 401 as Stripe answers it. */
export function apiKeyAuth(apiKey: string): RequestHandler {
  return (req, res, next) => {
    const key = keyOf(req.get('Authorization'));
    if (key === apiKey) {
      next();
      return;
    }
    res.setHeader('WWW-Authenticate', 'Basic realm="Stripe"');
    sendStripeError(req, res, 401, {
      type: 'invalid_request_error',
      message: key === undefined || key === '' ? NO_KEY : `Invalid API Key provided: ${mask(key)}`,
    });
  };
}
