/** The path segments subsync's calls use that are names, not ids. */
const NAMED_SEGMENTS: ReadonlySet<string> = new Set([
  'v1',
  'subscriptions',
  'subscription_items',
  'customers',
  'payment_methods',
  'invoices',
  'create_preview',
]);

/**
 * A request's endpoint with its ids replaced by `{id}` (`GET /v1/customers/{id}`), for metric
 * labels: only known names and `{id}` can appear, so the set of endpoints stays small.
 */
export function stripeEndpoint(method: string, path: string): string {
  const segments = (path.split('?')[0] ?? '')
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => (NAMED_SEGMENTS.has(segment) ? segment : '{id}'));
  return `${method.toUpperCase()} /${segments.join('/')}`;
}

/** The endpoint of an operation as error messages name it (`GET /v1/customers/cus_1`). */
export function stripeEndpointOf(operation: string): string {
  const [method = '', path = ''] = operation.split(' ', 2);
  return stripeEndpoint(method, path);
}
