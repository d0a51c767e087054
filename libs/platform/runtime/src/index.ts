// Framework-free building blocks shared by the services and the sandboxes: the process lifecycle
// (so a sandbox can stop cleanly without loading the product's messaging or persistence) and the
// ranked wait queue of the upstream budgets.
export { closeOnSignals, type ShutdownLogger } from './close-on-signals';
export { PriorityWaiters, type WaitPriority } from './priority-waiters';
