export {
  createZuoraSandbox,
  type ZuoraSandbox,
  type ZuoraSandboxOptions,
} from './lib/zuora-sandbox';
export {
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_DEFAULT_CONCURRENCY_LIMIT,
  SANDBOX_DEFAULT_OBJECT_QUERY_CONCURRENCY_LIMIT,
  SANDBOX_DEFAULT_TOKEN_TTL_SECONDS,
  SANDBOX_DEFAULT_ZUORA_VERSION,
  ZUORA_SANDBOX_DEFAULT_PORT,
} from './lib/sandbox.constants';
export { ZUORA_SANDBOX_DEMO } from './lib/seed/demo.constants';
export {
  BULK_MAX_INDEX,
  bulkAccountNumber,
  bulkSubscriptionNumber,
  type BulkSeedOptions,
  type BulkSeedResult,
} from './lib/seed/bulk.seed';
export type { GatewaySettings, GatewaySettingsPatch, GatewayStats } from './lib/http/gateway.state';
export { SandboxStore } from './lib/store/sandbox.store';
export { SandboxInputError, type RequestLogFilter } from '@subsync/sandbox-kit';
export type {
  AccountInput,
  ChargePatch,
  OrderInput,
  PaymentMethodInput,
  SubscriptionInput,
  SubscriptionPatch,
} from './lib/store/sandbox.inputs';
export type {
  AccountRecord,
  ChargeSegmentRecord,
  ContactRecord,
  OrderRecord,
  PaymentMethodRecord,
  RatePlanRecord,
  SeedName,
  SegmentShape,
  SubscriptionVersionRecord,
} from './lib/store/sandbox.records';
export { ZUORA_SEGMENT_MODEL_FIELDS } from './lib/views/subscription.view';
export type { ActiveFault, FaultSpec } from './lib/http/faults';
export type { ErrorCategory } from './lib/http/zuora-responses';
export type { SandboxRequestLogEntry } from './lib/http/request-log';
