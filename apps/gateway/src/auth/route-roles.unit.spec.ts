import 'reflect-metadata';
import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { readGatewayConfig } from '@subsync/config';
import { Readiness } from '@subsync/messaging';
import { GatewayModule } from '../gateway.module';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLE } from './requires-role.decorator';

// Every HTTP route of the gateway and what it needs. A new route must be added here, with the
// role it needs, or this fails (and the guard refuses it to every token).
const EXPECTED: Record<string, string> = {
  'GET /api/catalog/zuora-mappings': 'read',
  'GET /api/catalog/zuora-mappings/:productRatePlanId': 'read',
  'PUT /api/catalog/zuora-mappings/:productRatePlanId': 'administer',
  'DELETE /api/catalog/zuora-mappings/:productRatePlanId': 'administer',
  'GET /api/settings/zuora': 'read',
  'PUT /api/settings/zuora': 'administer',
  'GET /api/settings/auth-providers': 'read',
  'GET /api/settings/auth-providers/:providerId': 'read',
  'PUT /api/settings/auth-providers/:providerId': 'administer',
  'DELETE /api/settings/auth-providers/:providerId': 'administer',
  'POST /api/identity/login': 'public',
  'POST /api/webhooks/stripe': 'public',
  'POST /api/plugins/zuora/sync/subscription/:id': 'operate',
  'POST /api/plugins/stripe/sync/subscription/:id': 'operate',
  'GET /api/subscriptions': 'read',
  'GET /api/subscriptions/:id': 'read',
  'GET /api/events': 'read',
  'GET /api/events/:id': 'read',
  'POST /api/events/:id/replay': 'operate',
  'POST /api/backfills': 'operate',
  'GET /api/backfills': 'read',
  'GET /api/backfills/:id': 'read',
  'POST /api/backfills/:id/pause': 'operate',
  'POST /api/backfills/:id/resume': 'operate',
  'POST /api/backfills/:id/cancel': 'operate',
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /metrics': 'public',
  'GET /api/docs': 'public',
  'GET /api/asyncapi': 'public',
  'GET /console': 'public',
  'GET /console/*path': 'public',
  'GET /api/session': 'signed-in',
  'GET /api/overview': 'read',
  'GET /api/providers': 'read',
};

interface ModuleLike {
  controllers?: Type[];
  imports?: unknown[];
}

function controllersOf(module: unknown): Type[] {
  const dynamic = (typeof module === 'object' ? module : {}) as ModuleLike;
  const declared = (key: string) =>
    typeof module === 'function'
      ? ((Reflect.getMetadata(key, module) as unknown[] | undefined) ?? [])
      : [];
  const controllers = [
    ...(dynamic.controllers ?? []),
    ...(declared(MODULE_METADATA.CONTROLLERS) as Type[]),
  ];
  const imports = [...(dynamic.imports ?? []), ...declared(MODULE_METADATA.IMPORTS)];
  return [...controllers, ...imports.flatMap(controllersOf)];
}

function routesOf(controller: Type): [string, string][] {
  const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const handler = prototype[name];
    if (typeof handler !== 'function' || name === 'constructor') return [];
    const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (path === undefined || method === undefined) return [];
    const full = `/${[base, path].filter((p) => p !== '/' && p !== '').join('/')}`;
    const isPublic =
      Reflect.getMetadata(IS_PUBLIC, handler) === true ||
      Reflect.getMetadata(IS_PUBLIC, controller) === true;
    const role = (Reflect.getMetadata(REQUIRED_ROLE, handler) ??
      Reflect.getMetadata(REQUIRED_ROLE, controller) ??
      'none') as string;
    return [[`${RequestMethod[method]} ${full}`, isPublic ? 'public' : role]];
  });
}

describe('the role each gateway route needs', () => {
  it('is declared on every route, as the README and the OpenAPI document list it', () => {
    const module = GatewayModule.register(
      readGatewayConfig({ AUTH_DEV_MODE: 'true' }),
      new Readiness({}),
    );
    const routes = Object.fromEntries(controllersOf(module).flatMap(routesOf));
    expect(routes).toEqual(EXPECTED);
  });
});
