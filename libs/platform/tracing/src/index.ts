export * from './start-tracing';
export * from './trace-headers';
export * from './message-spans';
export { isTracing } from './tracing-state';
