import type {
  AuthProvider,
  AuthProviderBody,
  AuthProviderList,
  BackfillJob,
  BackfillList,
  BackfillRequest,
  EventDetail,
  EventPage,
  Overview,
  Provider,
  ProviderList,
  ReplayAccepted,
  Session,
  Subscription,
  SubscriptionPage,
  SyncResult,
  ZuoraSettings,
} from './api-types';
import { ApiError, GatewayUnreachableError, isAbort, TokenRejectedError } from './api-errors';
import { messageOf } from './message-of';
import { queryString, type QueryParams } from './query-string';

interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

interface SendOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** The gateway's REST API, same origin, with the operator's bearer token on every call. */
export class ApiClient {
  private providers: Promise<ProviderList> | undefined;

  constructor(
    private readonly token: string,
    /** Called once the gateway rejects the token, so the app can go back to sign-in. */
    private readonly onTokenRejected: (message: string) => void,
  ) {}

  /** Asked once per sign-in: the list only changes with a new release of the gateway. */
  listProviders(): Promise<ProviderList> {
    this.providers ??= this.json<ProviderList>('GET', '/api/providers').catch((error: unknown) => {
      this.providers = undefined;
      throw error;
    });
    return this.providers;
  }

  getSession(signal?: AbortSignal): Promise<Session> {
    return this.json('GET', '/api/session', { signal });
  }

  getOverview(minutes: number, signal?: AbortSignal): Promise<Overview> {
    return this.json('GET', `/api/overview${queryString({ minutes: String(minutes) })}`, {
      signal,
    });
  }

  listEvents(params: QueryParams, signal?: AbortSignal): Promise<EventPage> {
    return this.json('GET', `/api/events${queryString(params)}`, { signal });
  }

  getEvent(id: string, signal?: AbortSignal): Promise<EventDetail> {
    return this.json('GET', `/api/events/${encodeURIComponent(id)}`, { signal });
  }

  replayEvent(id: string): Promise<ReplayAccepted> {
    return this.json('POST', `/api/events/${encodeURIComponent(id)}/replay`);
  }

  listSubscriptions(params: QueryParams, signal?: AbortSignal): Promise<SubscriptionPage> {
    return this.json('GET', `/api/subscriptions${queryString(params)}`, { signal });
  }

  getSubscription(id: string, signal?: AbortSignal): Promise<Subscription> {
    return this.json('GET', `/api/subscriptions/${encodeURIComponent(id)}`, { signal });
  }

  /** Every answer of the sync route is an outcome to show, except a 4xx (thrown). */
  async syncSubscription(provider: Provider, id: string): Promise<SyncResult> {
    const response = await this.send(
      'POST',
      `/api/plugins/${provider}/sync/subscription/${encodeURIComponent(id)}`,
      { headers: { 'X-Sync-Trigger': 'ui' } },
    );
    const eventId = response.headers.get('X-Event-Id');
    const body = (response.body ?? {}) as Record<string, unknown>;
    if (response.status === 202) return { outcome: 'queued', eventId };
    if (response.status === 200 && body.skipped === true) {
      return { outcome: 'skipped', eventId, reason: stringOrNull(body.reason) };
    }
    if (response.status === 200) {
      return { outcome: 'succeeded', eventId, subscriptionId: stringOrNull(body.id) };
    }
    if (response.status >= 500) {
      return { outcome: 'failed', eventId, message: messageOf(response.body, response.status) };
    }
    throw new ApiError(messageOf(response.body, response.status), response.status);
  }

  listBackfills(signal?: AbortSignal): Promise<BackfillList> {
    return this.json('GET', '/api/backfills', { signal });
  }

  getBackfill(id: string, signal?: AbortSignal): Promise<BackfillJob> {
    return this.json('GET', `/api/backfills/${encodeURIComponent(id)}`, { signal });
  }

  startBackfill(request: BackfillRequest): Promise<BackfillJob> {
    return this.json('POST', '/api/backfills', { body: request });
  }

  actOnBackfill(id: string, action: 'pause' | 'resume' | 'cancel'): Promise<BackfillJob> {
    return this.json('POST', `/api/backfills/${encodeURIComponent(id)}/${action}`);
  }

  getZuoraSettings(signal?: AbortSignal): Promise<ZuoraSettings> {
    return this.json('GET', '/api/settings/zuora', { signal });
  }

  putZuoraSettings(settings: ZuoraSettings): Promise<ZuoraSettings> {
    return this.json('PUT', '/api/settings/zuora', { body: settings });
  }

  listAuthProviders(signal?: AbortSignal): Promise<AuthProviderList> {
    return this.json('GET', '/api/settings/auth-providers', { signal });
  }

  putAuthProvider(providerId: string, body: AuthProviderBody): Promise<AuthProvider> {
    return this.json('PUT', `/api/settings/auth-providers/${encodeURIComponent(providerId)}`, {
      body,
    });
  }

  private async json<T>(method: string, path: string, options: SendOptions = {}): Promise<T> {
    const response = await this.send(method, path, options);
    if (response.status < 200 || response.status > 299) {
      throw new ApiError(messageOf(response.body, response.status), response.status);
    }
    // The body's shape is the gateway's contract (api-types.ts); it is not re-validated here.
    return response.body as T;
  }

  private async send(method: string, path: string, options: SendOptions): Promise<RawResponse> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: `Bearer ${this.token}`,
      ...options.headers,
    };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        signal: options.signal ?? null,
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new GatewayUnreachableError(error);
    }
    const body = await readBody(response);
    if (response.status === 401) {
      const message = messageOf(body, 401);
      this.onTokenRejected(message);
      throw new TokenRejectedError(message);
    }
    return { status: response.status, headers: response.headers, body };
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A proxy's HTML error page, say: keep its text so the message can quote it.
    return text;
  }
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
