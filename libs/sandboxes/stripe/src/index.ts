export {
  createStripeSandbox,
  type StripeSandbox,
  type StripeSandboxOptions,
} from './lib/stripe-sandbox';
export {
  STRIPE_SANDBOX_API_KEY,
  STRIPE_SANDBOX_API_VERSION,
  STRIPE_SANDBOX_DEFAULT_PORT,
  STRIPE_SANDBOX_DEFAULT_RATE_LIMIT_PER_SECOND,
} from './lib/sandbox.constants';
export { STRIPE_SANDBOX_DEMO } from './lib/seed/demo.constants';
export { StripeSandboxStore } from './lib/store/sandbox.store';
export { SandboxInputError, type RequestLogFilter } from '@subsync/sandbox-kit';
export type {
  CustomerInput,
  InvoiceInput,
  PaymentMethodInput,
  PriceInput,
  SourceInput,
  SubscriptionInput,
  SubscriptionPatch,
  UpcomingInvoiceInput,
} from './lib/store/sandbox.inputs';
export type {
  CustomerRecord,
  InvoiceLineRecord,
  InvoiceRecord,
  InvoiceStatus,
  PaymentMethodRecord,
  PriceRecord,
  ProductRecord,
  SeedName,
  SourceRecord,
  SubscriptionItemRecord,
  SubscriptionRecord,
  UpcomingInvoiceSetting,
} from './lib/store/sandbox.records';
export type { ActiveFault, FaultSpec } from './lib/http/faults';
export type { SandboxRequestLogEntry } from './lib/http/request-log';
export {
  WebhookSender,
  type WebhookDelivery,
  type WebhookEndpoint,
} from './lib/webhooks/webhook-sender';
export type { SandboxEvent } from './lib/webhooks/stripe-event.builder';
export { STRIPE_SANDBOX_WEBHOOK_SECRET } from './lib/webhooks/webhook.constants';
export {
  nextStripeBulkIndex,
  stripeBulkCustomerId,
  stripeBulkSubscriptionId,
  type StripeBulkSeedOptions,
  type StripeBulkSeedResult,
} from './lib/seed/bulk.seed';
