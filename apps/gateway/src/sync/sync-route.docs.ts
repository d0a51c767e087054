import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';

const EVENT_ID_HEADER = {
  'X-Event-Id': { description: 'The Event that records this sync', schema: { type: 'string' } },
};

const SYNCED = '{"success": true, "id": "sub-…", "owner": "id-…"}';

/**
 * What the Zuora and Stripe sync routes share: request headers and the answers that name their
 * Event. `ok` describes the 200 answers when a route has more than the plain one.
 */
export function SyncRouteDocs(options: { ok?: string } = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'X-Sync-Trigger',
      required: false,
      description: '`ui` when a person pressed Sync in the console; `api` (default) otherwise',
    }),
    ApiHeader({
      name: 'Prefer',
      required: false,
      description: '`respond-async` answers 202 with the event id at once',
    }),
    ApiResponse({
      status: 200,
      description: options.ok ?? SYNCED,
      headers: EVENT_ID_HEADER,
    }),
    ApiResponse({
      status: 202,
      description: '{"eventId": "event-…", "status": "queued"}',
      headers: EVENT_ID_HEADER,
    }),
  );
}
