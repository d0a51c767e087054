import type { Request } from 'express';

/**
 * The address a request came from, as Express sees it: the socket's peer, or the client a
 * trusted proxy names when `GATEWAY_TRUST_PROXY` says which proxies to believe.
 */
export function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}
