import express, { type Router } from 'express';
import type { TokenRegistry } from './token-registry';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/**
 * `POST /oauth/token`, client-credentials only. Errors use the OAuth 2.0 (RFC 6749 §5.2) shape
 * `{ error, error_description }`: 400 for a malformed request, 401 for unknown credentials.
 */
export function oauthRouter(client: OAuthClient, tokens: TokenRegistry): Router {
  const router = express.Router();
  router.post('/oauth/token', express.urlencoded({ extended: false }), (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const oauthError = (status: number, error: string, description: string): void => {
      res.status(status).json({ error, error_description: description });
    };
    if (req.get('Authorization') !== undefined) {
      oauthError(
        400,
        'invalid_request',
        'Do not send an Authorization header when requesting a token.',
      );
      return;
    }
    if (!req.is('application/x-www-form-urlencoded')) {
      oauthError(
        400,
        'invalid_request',
        'The request body must be application/x-www-form-urlencoded.',
      );
      return;
    }
    const form: unknown = req.body;
    const field = (name: string): string | undefined => {
      if (typeof form !== 'object' || form === null) return undefined;
      const value = (form as Record<string, unknown>)[name];
      return typeof value === 'string' ? value : undefined;
    };
    const grantType = field('grant_type');
    const clientId = field('client_id');
    const clientSecret = field('client_secret');
    if (grantType === undefined || clientId === undefined || clientSecret === undefined) {
      oauthError(400, 'invalid_request', 'client_id, client_secret and grant_type are required.');
      return;
    }
    if (grantType !== 'client_credentials') {
      oauthError(
        400,
        'unsupported_grant_type',
        'The only supported grant_type is client_credentials.',
      );
      return;
    }
    if (clientId !== client.clientId || clientSecret !== client.clientSecret) {
      oauthError(401, 'invalid_client', 'Invalid client credentials.');
      return;
    }
    res.status(200).json(tokens.issue());
  });
  return router;
}
