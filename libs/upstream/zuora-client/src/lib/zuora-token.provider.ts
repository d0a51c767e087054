import { ZuoraApiError } from './zuora-error';
import { errorFromResponse } from './zuora-error.parser';
import type { ResolvedZuoraClientOptions } from './zuora-client.options';
import { tokenResponseSchema } from './zuora.schemas';
import { sendZuoraRequest } from './zuora-transport';

/** Tokens are renewed this long before they expire (or at half their lifetime, if shorter). */
const REFRESH_MARGIN_MS = 60_000;
const OPERATION = 'POST /oauth/token';

interface CachedToken {
  token: string;
  refreshAt: number;
}

/**
 * OAuth client credentials with one cached token. Concurrent callers share one token request;
 * a token Zuora rejects can be dropped with `invalidate`.
 */
export class ZuoraTokenProvider {
  private cached: CachedToken | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly options: ResolvedZuoraClientOptions,
    private readonly now: () => number = Date.now,
  ) {}

  token(trackId?: string): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt)
      return Promise.resolve(this.cached.token);
    this.pending ??= this.fetchToken(trackId).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Forgets `token` if it is the cached one (a 401 showed Zuora no longer accepts it). */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = null;
  }

  private async fetchToken(trackId: string | undefined): Promise<string> {
    const { baseUrl, clientId, clientSecret, timeoutMs } = this.options;
    const response = await sendZuoraRequest({
      url: `${baseUrl}/oauth/token`,
      method: 'POST',
      // No Authorization header on this call, as Zuora requires.
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        ...(trackId === undefined ? {} : { 'Zuora-Track-Id': trackId }),
      },
      body: new URLSearchParams({
        client_id: clientId,
        client_secret: clientSecret,
        grant_type: 'client_credentials',
      }).toString(),
      timeoutMs,
      operation: OPERATION,
      endpoint: OPERATION,
      observer: this.options.observer,
    });
    const error = errorFromResponse(OPERATION, response);
    if (error) throw error;
    const parsed = tokenResponseSchema.safeParse(response.json);
    if (!parsed.success) {
      throw new ZuoraApiError(
        'UNEXPECTED_RESPONSE',
        `Zuora ${OPERATION} answered without a usable access_token`,
        {
          retryable: false,
          httpStatus: response.status,
          zuoraCode: null,
          requestId: response.headers.get('zuora-request-id'),
        },
      );
    }
    const lifetimeMs = parsed.data.expires_in * 1000;
    this.cached = {
      token: parsed.data.access_token,
      refreshAt: this.now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2),
    };
    return parsed.data.access_token;
  }
}
