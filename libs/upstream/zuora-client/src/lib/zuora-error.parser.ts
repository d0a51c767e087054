import { ZuoraApiError, type ZuoraErrorCode, type ZuoraErrorReason } from './zuora-error';

/** Reads a response header by name, case-insensitively (as `Headers.get` does). */
export interface ResponseHeaders {
  get(name: string): string | null;
}

/** What the transport read from one HTTP response. */
export interface ZuoraHttpResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
  /** The parsed body, or undefined when it was not JSON. */
  json: unknown;
}

interface Classification {
  code: ZuoraErrorCode;
  retryable: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Categories (last two digits of the 8-digit code) per Zuora's error-handling guide. */
const BY_CATEGORY: Record<number, Classification> = {
  10: { code: 'FORBIDDEN', retryable: false },
  11: { code: 'UNAUTHORIZED', retryable: false },
  20: { code: 'INVALID_REQUEST', retryable: false },
  21: { code: 'INVALID_REQUEST', retryable: false },
  22: { code: 'INVALID_REQUEST', retryable: false },
  23: { code: 'INVALID_REQUEST', retryable: false },
  27: { code: 'INVALID_REQUEST', retryable: false },
  30: { code: 'INVALID_REQUEST', retryable: false },
  40: { code: 'NOT_FOUND', retryable: false },
  45: { code: 'INVALID_REQUEST', retryable: false },
  50: { code: 'CONFLICT', retryable: true },
  // 60 answers HTTP 500 in date-style versions, which is retried; retried in HTTP-200 style too,
  // so one Zuora error classifies the same whichever style the tenant answers in.
  60: { code: 'UPSTREAM_UNAVAILABLE', retryable: true },
  61: { code: 'UPSTREAM_UNAVAILABLE', retryable: true },
  70: { code: 'RATE_LIMITED', retryable: true },
  90: { code: 'INVALID_REQUEST', retryable: false },
  99: { code: 'UPSTREAM_UNAVAILABLE', retryable: true },
};

/** Symbolic codes of the CRUD/Actions (`Errors[].Code`), ZOQL (`FaultCode`) and OAuth envelopes. */
const BY_SYMBOL: Record<string, Classification> = {
  INVALID_VALUE: { code: 'INVALID_REQUEST', retryable: false },
  INVALID_FIELD: { code: 'INVALID_REQUEST', retryable: false },
  INVALID_TYPE: { code: 'INVALID_REQUEST', retryable: false },
  MALFORMED_QUERY: { code: 'INVALID_REQUEST', retryable: false },
  MISSING_REQUIRED_VALUE: { code: 'INVALID_REQUEST', retryable: false },
  INVALID_ID: { code: 'NOT_FOUND', retryable: false },
  DUPLICATE_VALUE: { code: 'CONFLICT', retryable: false },
  LOCK_COMPETITION: { code: 'CONFLICT', retryable: true },
  INVALID_SESSION: { code: 'UNAUTHORIZED', retryable: false },
  API_DISABLED: { code: 'FORBIDDEN', retryable: false },
  REQUEST_EXCEEDED_LIMIT: { code: 'RATE_LIMITED', retryable: true },
  REQUEST_EXCEEDED_RATE: { code: 'RATE_LIMITED', retryable: true },
  TEMPORARY_ERROR: { code: 'UPSTREAM_UNAVAILABLE', retryable: true },
  SERVER_UNAVAILABLE: { code: 'UPSTREAM_UNAVAILABLE', retryable: true },
  UNKNOWN_ERROR: { code: 'UPSTREAM_UNAVAILABLE', retryable: true },
  TRANSACTION_TIMEOUT: { code: 'TIMEOUT', retryable: true },
  invalid_client: { code: 'UNAUTHORIZED', retryable: false },
  invalid_grant: { code: 'UNAUTHORIZED', retryable: false },
  unauthorized_client: { code: 'UNAUTHORIZED', retryable: false },
  invalid_token: { code: 'UNAUTHORIZED', retryable: false },
  invalid_request: { code: 'INVALID_REQUEST', retryable: false },
  unsupported_grant_type: { code: 'INVALID_REQUEST', retryable: false },
};

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

function byStatus(status: number): Classification {
  const retryable = RETRYABLE_STATUSES.has(status);
  if (status === 401) return { code: 'UNAUTHORIZED', retryable };
  if (status === 403) return { code: 'FORBIDDEN', retryable };
  if (status === 404) return { code: 'NOT_FOUND', retryable };
  if (status === 408) return { code: 'TIMEOUT', retryable };
  if (status === 409) return { code: 'CONFLICT', retryable: true };
  if (status === 429) return { code: 'RATE_LIMITED', retryable };
  if (status >= 500) return { code: 'UPSTREAM_UNAVAILABLE', retryable };
  if (status >= 400) return { code: 'INVALID_REQUEST', retryable };
  return { code: 'UNEXPECTED_RESPONSE', retryable: false };
}

function normaliseCode(code: unknown): number | string | null {
  if (typeof code === 'number' && Number.isFinite(code)) return code;
  if (typeof code === 'string' && code.trim() !== '')
    return /^\d+$/.test(code.trim()) ? Number(code) : code.trim();
  return null;
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : value == null ? '' : JSON.stringify(value);

/** The reasons of any of Zuora's error envelopes; [] when the body has none. */
export function reasonsOf(body: unknown): ZuoraErrorReason[] {
  if (!isRecord(body)) return [];
  const list = (items: unknown, codeKey: string, messageKey: string): ZuoraErrorReason[] =>
    Array.isArray(items)
      ? items
          .filter(isRecord)
          .map((item) => ({ code: normaliseCode(item[codeKey]), message: text(item[messageKey]) }))
      : [];
  if (Array.isArray(body.reasons)) return list(body.reasons, 'code', 'message');
  if (Array.isArray(body.Errors)) return list(body.Errors, 'Code', 'Message');
  if ('FaultCode' in body || 'FaultMessage' in body) {
    return [{ code: normaliseCode(body.FaultCode), message: text(body.FaultMessage) }];
  }
  if (typeof body.error === 'string') {
    return [{ code: body.error, message: text(body.error_description ?? body.error) }];
  }
  if ('code' in body && 'message' in body)
    return [{ code: normaliseCode(body.code), message: text(body.message) }];
  if (typeof body.message === 'string') return [{ code: null, message: body.message }];
  return [];
}

/** Whether a body reports failure even though the HTTP status may be 200. */
function reportsFailure(body: unknown): boolean {
  if (!isRecord(body)) return false;
  if (body.success === false || body.Success === false) return true;
  if ('FaultCode' in body) return true;
  return Array.isArray(body.reasons) && body.reasons.length > 0 && !('data' in body);
}

/** `Retry-After` in ms (seconds or an HTTP date), or null. */
export function retryAfterMs(headers: ResponseHeaders, now = Date.now()): number | null {
  const value = headers.get('retry-after');
  if (value === null) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function pageTitle(html: string): string | null {
  const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1]?.trim();
  return title ? title : null;
}

/** The error a response stands for, or null if it is a success. Understands every Zuora envelope. */
export function errorFromResponse(
  operation: string,
  response: ZuoraHttpResponse,
): ZuoraApiError | null {
  const { status, json } = response;
  if (status < 400 && !reportsFailure(json)) return null;
  const reasons = reasonsOf(json);
  const zuoraCode =
    reasons
      .map((r) => r.code)
      .find(
        (code): code is number =>
          typeof code === 'number' && code >= 10_000_000 && code <= 99_999_999,
      ) ?? null;
  const category = zuoraCode === null ? null : zuoraCode % 100;
  const symbol = reasons
    .map((r) => r.code)
    .find((code): code is string => typeof code === 'string');
  let classification: Classification;
  if (status === 401 || status === 429) classification = byStatus(status);
  else if (category !== null && BY_CATEGORY[category]) classification = BY_CATEGORY[category];
  else if (symbol !== undefined && BY_SYMBOL[symbol]) classification = BY_SYMBOL[symbol];
  else if (status >= 400) classification = byStatus(status);
  else classification = { code: 'UNEXPECTED_RESPONSE', retryable: false };
  const retryable = classification.retryable || RETRYABLE_STATUSES.has(status);

  const requestId = response.headers.get('zuora-request-id');
  const reasonText =
    reasons
      .map((r) => r.message)
      .filter((m) => m !== '')
      .join('; ') ||
    (json === undefined ? (pageTitle(response.text) ?? response.text.slice(0, 200).trim()) : '') ||
    'no reason given';
  const context = [
    `HTTP ${status}`,
    zuoraCode === null ? null : `Zuora code ${zuoraCode}`,
    requestId ? `request ${requestId}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return new ZuoraApiError(
    classification.code,
    `Zuora ${operation} failed: ${reasonText} (${context})`,
    {
      retryable,
      httpStatus: status,
      zuoraCode,
      reasons,
      requestId,
      retryAfterMs: retryAfterMs(response.headers),
    },
  );
}
