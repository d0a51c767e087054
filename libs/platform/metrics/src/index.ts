// Prometheus metrics of a subsync process: one registry, the metrics each part records, and the
// sources read when it is scraped. Names and labels: see README, "Metrics and health".
export * from './metrics.registry';
export * from './scrape-sources';
export * from './sync.metrics';
export * from './upstream.metrics';
export * from './messaging.metrics';
export * from './identity.metrics';
export * from './overview-sample';
