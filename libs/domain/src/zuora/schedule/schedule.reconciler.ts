// Moved to ../../schedule: the schedule reconciliation is provider-neutral. Kept for old imports.
export * from '../../schedule/schedule.reconciler';
