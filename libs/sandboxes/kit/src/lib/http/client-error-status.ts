/**
 * The 4xx status an error carries, if any: Express's body parsers throw errors with `status`
 * (400 for malformed JSON, 413 for a body over the limit), which deserve that status, not a 500.
 */
export function clientErrorStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
