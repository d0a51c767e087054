/** The sandbox's default OAuth client id (36 characters, like Zuora's). */
export const SANDBOX_CLIENT_ID = '6f1c2e8a-3b4d-4e5f-9a0b-1c2d3e4f5a6b';
/** The sandbox's default OAuth client secret (Zuora's are at most 42 characters). */
export const SANDBOX_CLIENT_SECRET = 'sandbox-Zq8vN2kLp4Rt7Wx1Yb3Hc5Jd9Mf0Gs6Ta';
/** Zuora's token lifetime (`expires_in` in its example). */
export const SANDBOX_DEFAULT_TOKEN_TTL_SECONDS = 3599;
/** Zuora's default per-tenant concurrency limit. */
export const SANDBOX_DEFAULT_CONCURRENCY_LIMIT = 40;
/** Zuora's separate concurrency limit for Object Query requests. */
export const SANDBOX_DEFAULT_OBJECT_QUERY_CONCURRENCY_LIMIT = 80;
/** The minor version a never-upgraded tenant uses when a request sends no `Zuora-Version`. */
export const SANDBOX_DEFAULT_ZUORA_VERSION = '186.0';

/** The port the sandbox process and `npm start` use unless ZUORA_SANDBOX_PORT says otherwise. */
export const ZUORA_SANDBOX_DEFAULT_PORT = 4010;
