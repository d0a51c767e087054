// Upstream budgets shared by every process through PostgreSQL: Zuora's concurrency limit and
// Stripe's request rate belong to the tenant or account, not to one process.
export * from './budget-allocation';
export * from './budget-lease-postgres';
export * from './shared-concurrency-postgres';
export * from './shared-rate-postgres';
export * from './tenant-budgets';
