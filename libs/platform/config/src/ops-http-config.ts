import { optionalInt, optionalString, type Env } from './env-readers';

/** The workers' own HTTP ports (`/metrics`, `/health/*`) when their variable is unset. */
export const DEFAULT_OPS_HTTP_PORTS: Readonly<Record<string, number>> = {
  'zuora-sync': 3001,
  'stripe-sync': 3002,
  'hot-sync': 3003,
};

export interface OpsHttpConfig {
  /** 0: any free port (the service prints the one it got). */
  port: number;
  host: string;
}

/** `ZUORA_SYNC_HTTP_PORT` for `zuora-sync`, and so on. */
export function opsHttpPortVariable(service: string): string {
  return `${service.toUpperCase().replace(/-/g, '_')}_HTTP_PORT`;
}

/** A worker's `/metrics` and `/health/*` listener: `<SERVICE>_HTTP_PORT` and `OPS_HTTP_HOST`. */
export function readOpsHttpConfig(env: Env, service: string): OpsHttpConfig {
  return {
    port: optionalInt(env, opsHttpPortVariable(service), DEFAULT_OPS_HTTP_PORTS[service] ?? 0, {
      min: 0,
      max: 65_535,
    }),
    host: optionalString(env, 'OPS_HTTP_HOST') ?? '0.0.0.0',
  };
}
