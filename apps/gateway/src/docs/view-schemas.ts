import { z } from 'zod';
import { sessionViewSchema } from '../auth/session.controller';
import { backfillListSchema, backfillViewSchema } from '../backfills/backfill.view';
import { replayAnswerSchema } from '../events/event-replay.service';
import { eventDetailViewSchema, eventPageSchema, eventViewSchema } from '../events/event.view';
import { overviewViewSchema } from '../overview/overview.view';
import { providerListSchema, providerViewSchema } from '../providers/provider.view';
import { authProviderListSchema, authProviderViewSchema } from '../settings/auth-provider.view';
import { zuoraSettingsBodySchema } from '../settings/zuora-settings.schema';
import {
  subscriptionPageSchema,
  subscriptionSummaryViewSchema,
} from '../subscriptions/subscription-summary.view';
import { subscriptionViewSchema } from '../subscriptions/subscription.view';

/**
 * Every view the gateway answers with, by the name it has under `components.schemas` of the
 * OpenAPI document. The console's API types are generated from those (docs/openapi), so a view
 * declared here once is the gateway's type, its published schema and the console's type.
 */
export const VIEW_SCHEMAS = {
  EventView: eventViewSchema,
  EventPage: eventPageSchema,
  EventDetailView: eventDetailViewSchema,
  ReplayAnswer: replayAnswerSchema,
  SubscriptionView: subscriptionViewSchema,
  SubscriptionSummaryView: subscriptionSummaryViewSchema,
  SubscriptionPage: subscriptionPageSchema,
  BackfillView: backfillViewSchema,
  BackfillList: backfillListSchema,
  AuthProviderView: authProviderViewSchema,
  AuthProviderList: authProviderListSchema,
  ZuoraSettings: zuoraSettingsBodySchema,
  OverviewView: overviewViewSchema,
  SessionView: sessionViewSchema,
  ProviderView: providerViewSchema,
  ProviderList: providerListSchema,
} as const;

export type ViewName = keyof typeof VIEW_SCHEMAS;

/** The views as OpenAPI 3.0 schema objects; a view used inside another is a `$ref` to it. */
export function viewSchemaComponents(): Record<ViewName, Record<string, unknown>> {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(VIEW_SCHEMAS)) registry.add(schema, { id: name });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'openapi-3.0',
    io: 'output',
    uri: (id) => `#/components/schemas/${id}`,
  });
  // `$id` has no place in an OpenAPI 3.0 schema object: the component's name is its id.
  return Object.fromEntries(
    Object.entries(schemas).map(([name, { $id: _id, ...schema }]) => [name, schema]),
  ) as unknown as Record<ViewName, Record<string, unknown>>;
}
