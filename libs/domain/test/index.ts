// Builders of upstream records for unit specs (`@subsync/domain/testing`).
export * from './stripe-fixtures';
export * from './zuora-fixtures';
