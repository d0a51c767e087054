/**
 * Whether this process records spans. Off, the helpers below return at once, so the message hot
 * path pays one boolean check and allocates nothing for tracing.
 */
let recording = false;

export function isTracing(): boolean {
  return recording;
}

/** Set once a tracer provider and the W3C propagator are registered with the API. */
export function markTracing(on: boolean): void {
  recording = on;
}
