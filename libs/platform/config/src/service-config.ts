import { readRolesClaims, readTokenRules, type TokenRules } from './auth-config';
import { ConfigError } from './config-error';
import {
  brokerList,
  optionalBoolean,
  optionalInt,
  optionalList,
  optionalString,
  optionalUrl,
  requiredString,
  type Env,
} from './env-readers';
import { readSecretsKeys, type SecretsKeys } from './secrets-config';
import { readStripeWebhookConfig, type StripeWebhookConfig } from './stripe-webhook-config';
import { readThrottleConfig, type ThrottleConfig } from './throttle-config';

/** Settings every service needs: where PostgreSQL and Kafka are. */
export interface InfraConfig {
  databaseUrl: string;
  /**
   * Whether each connection prepares the statements it runs (named statements). Off only
   * behind a pooler that shares one server session between clients (PgBouncer in transaction
   * mode before 1.21).
   */
  databasePreparedStatements: boolean;
  kafkaBrokers: string[];
  /** How long a Kafka consumer may stay silent before the group drops it. */
  kafkaSessionTimeoutMs: number;
  /** Partitions every topic has at least (more processes can then share the work). */
  kafkaPartitions: number;
  /**
   * Put in front of every topic and consumer group name on the broker, so several deployments
   * (or test suites) can share one Kafka; empty by default, which keeps the contract's names.
   */
  kafkaTopicPrefix: string;
  logLevel: string;
  /** How often the process stores what its overview metrics gained (the console's charts). */
  metricsSampleIntervalMs: number;
}

/** Kafka refuses longer topic names. */
export const KAFKA_TOPIC_NAME_MAX_LENGTH = 249;
/**
 * The longest KAFKA_TOPIC_PREFIX: it leaves 49 characters for a registry name and its `.dlt`
 * (the longest, `sync.requested.v1.dlt`, has 21), so every topic stays within Kafka's limit.
 */
export const KAFKA_TOPIC_PREFIX_MAX_LENGTH = 200;

/** `KAFKA_TOPIC_PREFIX`: only the characters Kafka allows in a topic name, and short enough. */
export function readKafkaTopicPrefix(env: Env): string {
  const prefix = optionalString(env, 'KAFKA_TOPIC_PREFIX') ?? '';
  if (!/^[a-zA-Z0-9._-]*$/.test(prefix)) {
    throw new ConfigError(
      'KAFKA_TOPIC_PREFIX',
      `may hold only letters, digits, '.', '_' and '-' (got '${prefix}')`,
    );
  }
  if (prefix.length > KAFKA_TOPIC_PREFIX_MAX_LENGTH) {
    throw new ConfigError(
      'KAFKA_TOPIC_PREFIX',
      `must be at most ${KAFKA_TOPIC_PREFIX_MAX_LENGTH} characters, so topic names stay within Kafka's ${KAFKA_TOPIC_NAME_MAX_LENGTH} (got ${prefix.length})`,
    );
  }
  return prefix;
}

export function readInfraConfig(env: Env): InfraConfig {
  const databaseUrl = optionalUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  if (databaseUrl === undefined) {
    throw new ConfigError(
      'DATABASE_URL',
      'is required (npm start sets it when it starts PostgreSQL)',
    );
  }
  const kafkaBrokers = brokerList(env, 'KAFKA_BROKERS');
  if (kafkaBrokers === undefined) {
    throw new ConfigError('KAFKA_BROKERS', 'is required (npm start sets it when it starts Kafka)');
  }
  return {
    databaseUrl,
    databasePreparedStatements: optionalBoolean(env, 'DATABASE_PREPARED_STATEMENTS', true),
    kafkaBrokers,
    kafkaSessionTimeoutMs: optionalInt(env, 'KAFKA_SESSION_TIMEOUT_MS', 10_000, {
      min: 6_000,
      max: 300_000,
    }),
    kafkaPartitions: optionalInt(env, 'KAFKA_TOPIC_PARTITIONS', 12, { min: 1, max: 1_000 }),
    kafkaTopicPrefix: readKafkaTopicPrefix(env),
    logLevel: optionalString(env, 'LOG_LEVEL') ?? 'info',
    metricsSampleIntervalMs: optionalInt(env, 'METRICS_SAMPLE_INTERVAL_MS', 10_000, {
      min: 500,
      max: 60_000,
    }),
  };
}

export interface ZuoraConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  maxConcurrency: number;
  /** Object Query's own concurrency limit. */
  objectQueryMaxConcurrency: number;
  timeoutMs: number;
  /** Zuora users the platform places orders as; their orders are not synced back. */
  integrationUserIds: string[];
}

export function readZuoraConfig(env: Env): ZuoraConfig {
  return {
    baseUrl:
      optionalUrl(env, 'ZUORA_BASE_URL', ['https:', 'http:']) ??
      requiredString(env, 'ZUORA_BASE_URL'),
    clientId: requiredString(env, 'ZUORA_CLIENT_ID'),
    clientSecret: requiredString(env, 'ZUORA_CLIENT_SECRET'),
    maxConcurrency: optionalInt(env, 'ZUORA_MAX_CONCURRENCY', 40, { min: 1, max: 1000 }),
    objectQueryMaxConcurrency: optionalInt(env, 'ZUORA_OBJECT_QUERY_MAX_CONCURRENCY', 80, {
      min: 1,
      max: 1000,
    }),
    timeoutMs: optionalInt(env, 'ZUORA_TIMEOUT_MS', 10_000, { min: 100, max: 120_000 }),
    integrationUserIds: optionalList(env, 'ZUORA_INTEGRATION_USER_IDS'),
  };
}

export interface StripeConfig {
  apiKey: string;
  /** Scheme, host and port of the Stripe API, e.g. https://api.stripe.com. */
  apiBase: string;
  timeoutMs: number;
  /** The process's request budget; Stripe allows 25 per second in test mode and per endpoint. */
  requestsPerSecond: number;
}

export function readStripeConfig(env: Env): StripeConfig {
  return {
    apiKey: requiredString(env, 'STRIPE_API_KEY'),
    apiBase: optionalUrl(env, 'STRIPE_API_BASE', ['https:', 'http:']) ?? 'https://api.stripe.com',
    timeoutMs: optionalInt(env, 'STRIPE_TIMEOUT_MS', 10_000, { min: 100, max: 120_000 }),
    requestsPerSecond: optionalInt(env, 'STRIPE_REQUESTS_PER_SECOND', 25, { min: 1, max: 1000 }),
  };
}

export interface SyncConfig {
  /** Syncs a provider service runs at once (each waits its turn for the upstream budget). */
  maxInFlight: number;
  /**
   * How long one sync's upstream calls may take in all, retries included; keep it below the
   * gateway's SYNC_WAIT_TIMEOUT_MS so a synchronous caller hears the outcome.
   */
  upstreamDeadlineMs: number;
}

/** `defaultMaxInFlight` is the service's own: enough syncs to keep its upstream budget busy. */
export function readSyncConfig(env: Env, defaultMaxInFlight: number): SyncConfig {
  return {
    maxInFlight: optionalInt(env, 'SYNC_MAX_IN_FLIGHT', defaultMaxInFlight, {
      min: 1,
      max: 10_000,
    }),
    upstreamDeadlineMs: optionalInt(env, 'SYNC_UPSTREAM_DEADLINE_MS', 20_000, {
      min: 1_000,
      max: 600_000,
    }),
  };
}

export interface HotSyncConfig {
  /** A burst of logins syncs one Zuora account at most once per this interval. */
  minIntervalMs: number;
}

export function readHotSyncConfig(env: Env): HotSyncConfig {
  return {
    minIntervalMs: optionalInt(env, 'HOT_SYNC_MIN_INTERVAL_MS', 60_000, {
      min: 0,
      max: 86_400_000,
    }),
  };
}

/** The secret `npm start` signs its dev token with when AUTH_JWT_SECRET is unset. Never for production. */
export const DEV_JWT_SECRET = 'subsync-dev-secret-not-for-production';

export type TokenVerification =
  { kind: 'secret'; secret: string; isDevSecret: boolean } | { kind: 'jwks'; url: string };

export interface GatewayConfig {
  port: number;
  /** 127.0.0.1 in dev mode (the dev secret is public), every interface otherwise. */
  listenHost: string;
  auth: TokenVerification;
  issuer?: string;
  audience?: string;
  tokenRules: TokenRules;
  /** Claims operator roles are read from (`AUTH_ROLES_CLAIM`). */
  rolesClaims: string[];
  /** How long a synchronous sync request waits for its outcome before answering 202. */
  syncWaitTimeoutMs: number;
  /** Basic credentials Zuora callouts present; null when callouts must use a bearer token. */
  calloutCredentials: CalloutCredentials | null;
  /** `POST /api/webhooks/stripe`: the signing secret and what an event may do. */
  stripeWebhooks: StripeWebhookConfig;
  /** `AUTH_ALLOW_PRIVATE_JWKS`: a provider's jwksUrl may name a loopback or private address. */
  allowPrivateJwks: boolean;
  /** `THROTTLE_*` and `GATEWAY_TRUST_PROXY`: failed logins and callout authentications. */
  throttles: ThrottleConfig;
  /** `SECRETS_KEY` (and `SECRETS_KEY_PREVIOUS`): seal authentication-provider secrets at rest. */
  secretsKeys: SecretsKeys;
}

export interface CalloutCredentials {
  username: string;
  password: string;
}

/** `CALLOUT_USERNAME` and `CALLOUT_PASSWORD`: both or neither. */
export function readCalloutCredentials(env: Env): CalloutCredentials | null {
  const username = optionalString(env, 'CALLOUT_USERNAME');
  const password = optionalString(env, 'CALLOUT_PASSWORD');
  if (username === undefined && password === undefined) return null;
  if (username === undefined) {
    throw new ConfigError('CALLOUT_USERNAME', 'is required when CALLOUT_PASSWORD is set');
  }
  if (password === undefined) {
    throw new ConfigError('CALLOUT_PASSWORD', 'is required when CALLOUT_USERNAME is set');
  }
  // RFC 7617: the user-id of Basic credentials cannot contain a colon.
  if (username.includes(':')) throw new ConfigError('CALLOUT_USERNAME', "must not contain ':'");
  return { username, password };
}

export function readGatewayConfig(env: Env): GatewayConfig {
  const secret = optionalString(env, 'AUTH_JWT_SECRET');
  const jwksUrl = optionalUrl(env, 'AUTH_JWKS_URL', ['https:', 'http:']);
  if (secret !== undefined && jwksUrl !== undefined) {
    throw new ConfigError(
      'AUTH_JWKS_URL',
      'cannot be set together with AUTH_JWT_SECRET; choose one',
    );
  }
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError('AUTH_JWT_SECRET', 'must be at least 32 characters for HS256');
  }
  const audience = optionalString(env, 'AUTH_AUDIENCE');
  // Without an audience, any token of the IdP (a customer's ID token too) would be an operator's.
  if (
    jwksUrl !== undefined &&
    audience === undefined &&
    !optionalBoolean(env, 'AUTH_AUDIENCE_OPTIONAL', false)
  ) {
    throw new ConfigError(
      'AUTH_AUDIENCE',
      'is required with AUTH_JWKS_URL (set AUTH_AUDIENCE_OPTIONAL=true to accept any audience on purpose)',
    );
  }
  if (
    jwksUrl === undefined &&
    secret === undefined &&
    !optionalBoolean(env, 'AUTH_DEV_MODE', false)
  ) {
    throw new ConfigError(
      'AUTH_JWT_SECRET',
      'or AUTH_JWKS_URL is required (AUTH_DEV_MODE=true accepts the public dev secret, on 127.0.0.1 only)',
    );
  }
  const auth: TokenVerification =
    jwksUrl !== undefined
      ? { kind: 'jwks', url: jwksUrl }
      : { kind: 'secret', secret: secret ?? DEV_JWT_SECRET, isDevSecret: secret === undefined };
  const devMode = auth.kind === 'secret' && auth.isDevSecret;
  return {
    port: optionalInt(env, 'GATEWAY_PORT', 3000, { min: 1, max: 65_535 }),
    listenHost: devMode ? '127.0.0.1' : '0.0.0.0',
    auth,
    issuer: optionalString(env, 'AUTH_ISSUER'),
    audience,
    tokenRules: readTokenRules(env),
    rolesClaims: readRolesClaims(env),
    syncWaitTimeoutMs: optionalInt(env, 'SYNC_WAIT_TIMEOUT_MS', 30_000, {
      min: 1_000,
      max: 600_000,
    }),
    calloutCredentials: readCalloutCredentials(env),
    stripeWebhooks: readStripeWebhookConfig(env),
    allowPrivateJwks: optionalBoolean(env, 'AUTH_ALLOW_PRIVATE_JWKS', false),
    throttles: readThrottleConfig(env),
    secretsKeys: readSecretsKeys(env),
  };
}

export interface BulkSyncConfig {
  /** A backfill lists its next page only while fewer of its syncs than this wait to finish. */
  backfillMaxPending: number;
  /** How long a worker's claim on a backfill job lasts without renewal (it renews every second). */
  backfillLeaseMs: number;
  /** How often the reconcile sweep runs; 0: never. */
  reconcileIntervalMs: number;
  /** How far before its high-water mark a sweep starts listing again. */
  reconcileOverlapMs: number;
}

export function readBulkSyncConfig(env: Env): BulkSyncConfig {
  return {
    backfillMaxPending: optionalInt(env, 'BACKFILL_MAX_PENDING', 200, { min: 1, max: 100_000 }),
    backfillLeaseMs: optionalInt(env, 'BACKFILL_LEASE_MS', 15_000, { min: 2_000, max: 600_000 }),
    reconcileIntervalMs: optionalInt(env, 'RECONCILE_INTERVAL_MS', 0, {
      min: 0,
      max: 7 * 86_400_000,
    }),
    reconcileOverlapMs: optionalInt(env, 'RECONCILE_OVERLAP_MS', 60_000, {
      min: 0,
      max: 86_400_000,
    }),
  };
}
