import type { Response } from 'express';

const TITLES: Record<number, string> = {
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * A gateway failure as a proxy in front of the API answers it: an HTML page, not the API's JSON
 * envelope, so clients must cope with a body they cannot parse.
 */
export function sendProxyErrorPage(res: Response, status: number): void {
  const title = TITLES[status] ?? 'Error';
  res
    .status(status)
    .type('html')
    .send(
      `<html><head><title>${status} ${title}</title></head><body><h1>${status} ${title}</h1></body></html>`,
    );
}
