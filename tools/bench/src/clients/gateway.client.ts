import { Agent, request } from 'node:http';
import { SignJWT } from 'jose';

export interface HttpAnswer {
  /** The HTTP status, or 0 when no answer came (connection refused or reset, timeout). */
  status: number;
  body: unknown;
  /** What went wrong when status is 0. */
  error?: string;
}

/** A bearer token the gateway accepts when AUTH_JWT_SECRET is `secret`. */
export function signBenchToken(secret: string): Promise<string> {
  return new SignJWT({ scope: 'read operate administer' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('bench')
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(new TextEncoder().encode(secret));
}

/**
 * The gateway's HTTP API as a load generator calls it: node:http with keep-alive connections
 * (lighter on the shared CPU than fetch), one connection per concurrent caller.
 */
export class GatewayClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  private readonly host: string;
  private readonly port: number;

  constructor(
    baseUrl: string,
    private readonly token: string,
    /** Longer than the gateway's SYNC_WAIT_TIMEOUT_MS, so its 202 arrives first. */
    private readonly timeoutMs: number,
  ) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
  }

  /** `POST /api/plugins/zuora/sync/subscription/{ref}`, synchronously. */
  syncZuoraSubscription(ref: string): Promise<HttpAnswer> {
    return this.send('POST', `/api/plugins/zuora/sync/subscription/${encodeURIComponent(ref)}`);
  }

  get(path: string): Promise<HttpAnswer> {
    return this.send('GET', path);
  }

  /** A JSON body, e.g. `POST /api/backfills`. */
  post(path: string, body: unknown): Promise<HttpAnswer> {
    return this.send('POST', path, JSON.stringify(body));
  }

  close(): void {
    this.agent.destroy();
  }

  private send(method: string, path: string, json?: string): Promise<HttpAnswer> {
    return new Promise((resolve) => {
      const req = request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: {
            authorization: `Bearer ${this.token}`,
            'content-length': String(json === undefined ? 0 : Buffer.byteLength(json)),
            ...(json === undefined ? {} : { 'content-type': 'application/json' }),
          },
          timeout: this.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = text === '' ? null : (JSON.parse(text) as unknown);
            } catch {
              // Not JSON: keep the text.
            }
            resolve({ status: res.statusCode ?? 0, body });
          });
          res.on('error', (error) => resolve({ status: 0, body: null, error: error.message }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', (error) => resolve({ status: 0, body: null, error: error.message }));
      req.end(json);
    });
  }
}
