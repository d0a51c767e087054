export {
  FaultQueue,
  type FaultMatch,
  type QueueableFault,
  type QueuedFault,
} from './lib/faults/fault-queue';
export {
  FaultInjector,
  type AnsweredFault,
  type DelayFault,
  type FaultInjectorOptions,
} from './lib/faults/fault-injector';
export { delayFaultShape, faultMatchShape } from './lib/faults/fault.schema';
export {
  RequestLog,
  authorizationKind,
  type RequestArrival,
  type RequestLogEntry,
  type RequestLogFilter,
} from './lib/requests/request-log';
export { recordRequest } from './lib/requests/record-request';
export { sandboxAdminRouter, type SandboxAdminOptions } from './lib/http/admin.routes';
export { clientErrorStatus } from './lib/http/client-error-status';
export { sendProxyErrorPage } from './lib/http/proxy-error-page';
export { onResponseDone } from './lib/http/response-done';
export {
  startSandbox,
  type SandboxHandle,
  type SandboxHandleOptions,
} from './lib/http/sandbox-handle';
export {
  createSandboxApp,
  startSandboxServer,
  type SandboxServer,
  type SandboxServerOptions,
} from './lib/http/sandbox-server';
export { SandboxInputError, describeIssues, parseInput } from './lib/input/sandbox-input.error';
