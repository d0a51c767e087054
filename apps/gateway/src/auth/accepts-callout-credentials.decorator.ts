import { SetMetadata } from '@nestjs/common';

export const ACCEPTS_CALLOUT_CREDENTIALS = 'subsync:accepts-callout-credentials';

/**
 * Marks a route that Zuora callouts call: besides a bearer token it accepts the Basic
 * credentials of `CALLOUT_USERNAME`/`CALLOUT_PASSWORD`, and a request without credentials is
 * challenged with `WWW-Authenticate: Basic`, which Zuora waits for before it sends them.
 */
export const AcceptsCalloutCredentials = () => SetMetadata(ACCEPTS_CALLOUT_CREDENTIALS, true);
