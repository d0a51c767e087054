import type { RequestHandler } from 'express';
import type { TokenRegistry } from './token-registry';
import { sendAuthenticationError } from './zuora-responses';

const REALM = 'Bearer realm="Zuora"';

/** Every `/v1` and `/object-query` call needs `Authorization: Bearer <token>` from `/oauth/token`. */
export function bearerAuth(tokens: TokenRegistry): RequestHandler {
  return (req, res, next) => {
    const header = req.get('Authorization');
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) {
      sendAuthenticationError(res, 'this resource is protected, please sign in first', REALM);
      return;
    }
    const state = tokens.verify(match[1]);
    if (state === 'valid') {
      next();
      return;
    }
    const description =
      state === 'expired' ? 'The access token expired' : 'The access token is invalid';
    sendAuthenticationError(
      res,
      `Authentication error: ${description.toLowerCase()}.`,
      `${REALM}, error="invalid_token", error_description="${description}"`,
    );
  };
}
