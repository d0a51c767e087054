import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONSOLE_API_TYPES_FILE, OPENAPI_DOCUMENT_FILE, openApiFiles } from './openapi-files';
import { VIEW_SCHEMAS } from './view-schemas';

const root = resolve(__dirname, '..', '..', '..', '..');

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

describe("the gateway's OpenAPI document and the console's types (docs/openapi)", () => {
  let generated: Record<string, string>;
  beforeAll(async () => {
    generated = await openApiFiles();
  });

  it('are checked in as generated from the gateway (else run `npm run build`)', () => {
    expect(Object.keys(generated).sort()).toEqual(
      [CONSOLE_API_TYPES_FILE, OPENAPI_DOCUMENT_FILE].sort(),
    );
    for (const [path, content] of Object.entries(generated)) {
      expect({ path, content: readFileSync(join(root, path), 'utf8') }).toEqual({ path, content });
    }
  });

  it('answers each read the console makes with a view under components.schemas', () => {
    const document = JSON.parse(generated[OPENAPI_DOCUMENT_FILE] ?? '{}') as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, unknown> };
    };
    const answer = (method: string, path: string, status: string) =>
      document.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema
        ?.$ref;
    expect({
      session: answer('get', '/api/session', '200'),
      overview: answer('get', '/api/overview', '200'),
      events: answer('get', '/api/events', '200'),
      event: answer('get', '/api/events/{id}', '200'),
      replay: answer('post', '/api/events/{id}/replay', '202'),
      subscriptions: answer('get', '/api/subscriptions', '200'),
      subscription: answer('get', '/api/subscriptions/{id}', '200'),
      backfills: answer('get', '/api/backfills', '200'),
      backfill: answer('get', '/api/backfills/{id}', '200'),
      startBackfill: answer('post', '/api/backfills', '202'),
      pauseBackfill: answer('post', '/api/backfills/{id}/pause', '200'),
      zuoraSettings: answer('get', '/api/settings/zuora', '200'),
      authProviders: answer('get', '/api/settings/auth-providers', '200'),
      putAuthProvider: answer('put', '/api/settings/auth-providers/{providerId}', '200'),
    }).toEqual({
      session: '#/components/schemas/SessionView',
      overview: '#/components/schemas/OverviewView',
      events: '#/components/schemas/EventPage',
      event: '#/components/schemas/EventDetailView',
      replay: '#/components/schemas/ReplayAnswer',
      subscriptions: '#/components/schemas/SubscriptionPage',
      subscription: '#/components/schemas/SubscriptionView',
      backfills: '#/components/schemas/BackfillList',
      backfill: '#/components/schemas/BackfillView',
      startBackfill: '#/components/schemas/BackfillView',
      pauseBackfill: '#/components/schemas/BackfillView',
      zuoraSettings: '#/components/schemas/ZuoraSettings',
      authProviders: '#/components/schemas/AuthProviderList',
      putAuthProvider: '#/components/schemas/AuthProviderView',
    });
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(Object.keys(VIEW_SCHEMAS)),
    );
  });

  it('refers only to schemas it defines', () => {
    const text = generated[OPENAPI_DOCUMENT_FILE] ?? '';
    const document = JSON.parse(text) as { components: { schemas: Record<string, unknown> } };
    const referred = new Set(
      [...text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]),
    );
    expect(
      [...referred].filter((name) => name === undefined || !(name in document.components.schemas)),
    ).toEqual([]);
  });
});
