/** The gateway answered with an error; `message` is the body's `{message}`. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The gateway answered 401: the stored token is no good and the operator must sign in again. */
export class TokenRejectedError extends ApiError {
  constructor(message: string) {
    super(message, 401);
    this.name = 'TokenRejectedError';
  }
}

/** No HTTP answer at all (gateway down, network gone). */
export class GatewayUnreachableError extends Error {
  constructor(cause: unknown) {
    super(`Could not reach the gateway: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'GatewayUnreachableError';
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** A request the page itself abandoned (it navigated away or reloaded); never shown. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The words to show for any failure. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
