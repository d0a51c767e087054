export {
  ZuoraClient,
  type ZuoraChargeDetail,
  type ZuoraListCallOptions,
  type ZuoraSubscriptionCallOptions,
  type ZuoraSubscriptionListPage,
  type ZuoraSubscriptionListQuery,
} from './lib/zuora.client';
export {
  ZUORA_API_VERSION,
  type ZuoraCallOptions,
  type ZuoraClientOptions,
  type ZuoraPermits,
} from './lib/zuora-client.options';
export { ZuoraApiError, type ZuoraErrorCode, type ZuoraErrorReason } from './lib/zuora-error';
export { errorFromResponse, type ZuoraHttpResponse } from './lib/zuora-error.parser';
export { sanitizeTrackId } from './lib/zuora-track-id';
