/** The bare hops' own topics (S2f), apart from subsync's. */
export const BARE_REQUESTS_TOPIC = 'bench-bare.requests';
export const BARE_DONE_TOPIC = 'bench-bare.done';
