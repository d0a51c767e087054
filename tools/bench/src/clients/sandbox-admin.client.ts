// The Zuora sandbox's admin API (`/sandbox/...`), as the bench drives the sandbox process.

export interface SandboxSettings {
  latencyMs: number;
  concurrencyLimit: number;
  objectQueryConcurrencyLimit: number;
}

export interface SandboxStats {
  inFlight: number;
  maxInFlight: number;
  objectQueryInFlight: number;
  maxObjectQueryInFlight: number;
  served: number;
  rejectedConcurrency: number;
  rejectedRate: number;
}

export interface SandboxRequest {
  method: string;
  path: string;
  status: number | null;
}

export class SandboxAdminClient {
  constructor(private readonly baseUrl: string) {}

  configure(settings: Partial<SandboxSettings>): Promise<SandboxSettings> {
    return this.call('PUT', '/settings', settings) as Promise<SandboxSettings>;
  }

  stats(): Promise<SandboxStats> {
    return this.call('GET', '/stats') as Promise<SandboxStats>;
  }

  async resetStats(): Promise<void> {
    await this.call('DELETE', '/stats');
  }

  /** Drops every record and seeds the demo data again (or nothing, with `empty`). */
  async reset(seed: 'demo' | 'empty' = 'demo'): Promise<void> {
    await this.call('POST', '/reset', { seed });
  }

  /** Adds `count` bulk subscriptions from index `start`; returns their numbers' range. */
  bulkSeed(count: number, start: number): Promise<{ count: number; first: string; last: string }> {
    return this.call('POST', '/bulk-seed', { subscriptions: count, start }) as Promise<{
      count: number;
      first: string;
      last: string;
    }>;
  }

  /** Changes the latest version in place, e.g. `{ charges: { chargedThroughDate } }`. */
  patchInPlace(key: string, patch: unknown): Promise<unknown> {
    return this.call('PATCH', `/subscriptions/${encodeURIComponent(key)}?inPlace=true`, patch);
  }

  async requests(pathPrefix: string): Promise<SandboxRequest[]> {
    const body = (await this.call(
      'GET',
      `/requests?pathPrefix=${encodeURIComponent(pathPrefix)}`,
    )) as { requests: SandboxRequest[] };
    return body.requests;
  }

  async clearRequests(): Promise<void> {
    await this.call('DELETE', '/requests');
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}/sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`Zuora sandbox ${method} /sandbox${path}: ${response.status} ${text}`);
    }
    return text === '' ? null : (JSON.parse(text) as unknown);
  }
}
