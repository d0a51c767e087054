import { ApiResponse } from '@nestjs/swagger';
import type { ViewName } from './view-schemas';

/** Documents an answer whose body is one of the views in `components.schemas`. */
export function ApiViewResponse(view: ViewName, status = 200, description: string = view) {
  return ApiResponse({ status, description, schema: { $ref: `#/components/schemas/${view}` } });
}
