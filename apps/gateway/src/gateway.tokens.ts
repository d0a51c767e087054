export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
/** The gateway's readiness (see HealthController): database, its Kafka consumer, its outbox relay. */
export const GATEWAY_READINESS = Symbol('GATEWAY_READINESS');
