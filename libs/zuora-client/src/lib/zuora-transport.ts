import { ZuoraApiError } from './zuora-error';
import type { ZuoraHttpResponse } from './zuora-error.parser';

export interface ZuoraTransportRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** e.g. `GET /v1/subscriptions/A-S1`, for error messages. */
  operation: string;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * One HTTP exchange with a per-attempt timeout. A timeout becomes TIMEOUT and a network failure
 * UPSTREAM_UNAVAILABLE (both retryable); an abort by the caller's signal is rethrown as is.
 */
export async function sendZuoraRequest(request: ZuoraTransportRequest): Promise<ZuoraHttpResponse> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal,
      redirect: 'error',
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: parseJson(text) };
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    if (timeout.aborted) {
      throw new ZuoraApiError(
        'TIMEOUT',
        `Zuora ${request.operation} failed: no complete response within ${request.timeoutMs} ms`,
        { retryable: true, httpStatus: null, zuoraCode: null, cause: error },
      );
    }
    const reason =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    throw new ZuoraApiError(
      'UPSTREAM_UNAVAILABLE',
      `Zuora ${request.operation} failed: ${reason}`,
      {
        retryable: true,
        httpStatus: null,
        zuoraCode: null,
        cause: error,
      },
    );
  }
}
