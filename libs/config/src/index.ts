export * from './auth-config';
export * from './config-error';
export * from './env-readers';
export * from './secrets-config';
export * from './service-config';
export * from './stripe-webhook-config';
export * from './throttle-config';
export * from './run-with-config';
