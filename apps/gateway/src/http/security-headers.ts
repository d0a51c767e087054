import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

type Directives = NonNullable<
  NonNullable<Parameters<typeof helmet.contentSecurityPolicy>[0]>['directives']
>;

/** The console only loads its own files and talks to this origin; nobody may frame it. */
export const CONSOLE_CSP: Directives = {
  'default-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** JSON answers load nothing and are framed by nobody. */
const API_CSP: Directives = { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] };

/** Swagger UI styles itself inline; its page is only kept from being framed. */
const DOCS_UI_CSP: Directives = {
  'default-src': helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc,
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

// HSTS is left to whatever terminates TLS in front of the gateway; the gateway itself speaks HTTP.
const withPolicy = (directives: Directives): RequestHandler =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    strictTransportSecurity: false,
  });

const isUnder = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/**
 * Security headers on every answer, chosen by path: helmet's set (nosniff, no `X-Powered-By`,
 * `Referrer-Policy: no-referrer`, same-origin resource and opener policies, ...), the console's
 * CSP on every console path (the page and its files alike), and `Cache-Control: no-store` on
 * the API, whose answers hold customer data.
 */
export function securityHeaders(): RequestHandler {
  const consoleHeaders = withPolicy(CONSOLE_CSP);
  const docsUiHeaders = withPolicy(DOCS_UI_CSP);
  const apiHeaders = withPolicy(API_CSP);
  return (request: Request, response: Response, next: NextFunction) => {
    const { path } = request;
    if (isUnder(path, '/console')) return consoleHeaders(request, response, next);
    if (isUnder(path, '/api/docs/ui')) return docsUiHeaders(request, response, next);
    response.setHeader('Cache-Control', 'no-store');
    return apiHeaders(request, response, next);
  };
}
