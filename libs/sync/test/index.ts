// Helpers for the sync use case's unit specs (`@subsync/sync/testing`).
export * from './sync-request-group';
export * from './stored-subscription';
