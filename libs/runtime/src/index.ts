// Process lifecycle shared by the services and the sandboxes, free of any framework, so a sandbox
// can stop cleanly without loading the product's messaging or persistence.
export { closeOnSignals, type ShutdownLogger } from './close-on-signals';
