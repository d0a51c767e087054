import type { z } from 'zod';
import type {
  ResolvedZuoraClientOptions,
  ZuoraCallOptions,
  ZuoraPermits,
} from './zuora-client.options';
import { ZuoraApiError } from './zuora-error';
import { errorFromResponse, type ZuoraHttpResponse } from './zuora-error.parser';
import { withRetries } from './zuora-retry';
import type { ZuoraTokenProvider } from './zuora-token.provider';
import { sanitizeTrackId } from './zuora-track-id';
import { sendZuoraRequest } from './zuora-transport';

function decode<S extends z.ZodType>(
  operation: string,
  response: ZuoraHttpResponse,
  schema: S,
): z.output<S> {
  const details = {
    retryable: false,
    httpStatus: response.status,
    zuoraCode: null,
    requestId: response.headers.get('zuora-request-id'),
  };
  if (response.json === undefined) {
    const excerpt = response.text.slice(0, 120).replace(/\s+/g, ' ');
    throw new ZuoraApiError(
      'UNEXPECTED_RESPONSE',
      `Zuora ${operation} answered with a body that is not JSON: '${excerpt}'`,
      details,
    );
  }
  const parsed = schema.safeParse(response.json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
    throw new ZuoraApiError(
      'UNEXPECTED_RESPONSE',
      `Zuora ${operation} answered with an unexpected shape: ${issues}`,
      details,
    );
  }
  return parsed.data;
}

/** A request: where it goes, its template for the metrics, its name in error messages. */
interface Target {
  pathAndQuery: string;
  endpoint: string;
  operation: string;
}

/**
 * Authenticated, validated GETs against Zuora: bearer token (one refresh and one retry on 401),
 * `Zuora-Version` and `Zuora-Track-Id` headers, the concurrency limit, retries with backoff.
 */
export class ZuoraHttp {
  constructor(
    private readonly options: ResolvedZuoraClientOptions,
    private readonly tokens: ZuoraTokenProvider,
    private readonly permits: { v1: ZuoraPermits; objectQuery: ZuoraPermits },
  ) {}

  /**
   * `endpoint` names the call in the metrics, with no id in it (`GET /v1/accounts/{key}`);
   * `pathAndQuery` is relative to the base URL, e.g. `/v1/accounts/A001?x=1`.
   */
  get<S extends z.ZodType>(
    endpoint: string,
    pathAndQuery: string,
    schema: S,
    call: ZuoraCallOptions = {},
  ): Promise<z.output<S>> {
    const target = {
      pathAndQuery,
      endpoint,
      operation: `GET ${pathAndQuery.split('?')[0] ?? pathAndQuery}`,
    };
    const { operation } = target;
    const trackId = sanitizeTrackId(call.trackId);
    return withRetries(this.options, call.signal, endpoint, async () => {
      let token = await this.tokens.token(trackId);
      let response = await this.send(target, token, trackId, call);
      let error = errorFromResponse(operation, response);
      if (error?.code === 'UNAUTHORIZED') {
        // The token expired or was revoked early: renew it once and try once more.
        this.tokens.invalidate(token);
        token = await this.tokens.token(trackId);
        response = await this.send(target, token, trackId, call);
        error = errorFromResponse(operation, response);
      }
      if (error?.code === 'RATE_LIMITED') this.permitsFor(pathAndQuery).pushedBack();
      if (error) throw error;
      return decode(operation, response, schema);
    });
  }

  private async send(
    { pathAndQuery, endpoint, operation }: Target,
    token: string,
    trackId: string | undefined,
    call: ZuoraCallOptions,
  ): Promise<ZuoraHttpResponse> {
    const release = await this.permitsFor(pathAndQuery).acquire({
      ...(call.signal === undefined ? {} : { signal: call.signal }),
      ...(call.urgent === undefined ? {} : { urgent: call.urgent }),
      ...(call.background === undefined ? {} : { background: call.background }),
    });
    try {
      return await sendZuoraRequest({
        url: `${this.options.baseUrl}${pathAndQuery}`,
        method: 'GET',
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          'Zuora-Version': this.options.zuoraVersion,
          ...(trackId === undefined ? {} : { 'Zuora-Track-Id': trackId }),
        },
        timeoutMs: call.timeoutMs ?? this.options.timeoutMs,
        ...(call.signal === undefined ? {} : { signal: call.signal }),
        operation,
        endpoint,
        observer: this.options.observer,
      });
    } finally {
      release();
    }
  }

  /** Object Query has a concurrency limit of its own; every other endpoint shares the default one. */
  private permitsFor(pathAndQuery: string): ZuoraPermits {
    return pathAndQuery.startsWith('/object-query/') ? this.permits.objectQuery : this.permits.v1;
  }
}
