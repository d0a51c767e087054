import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'subsync:public';

/** Marks a route that needs no bearer token (`/health`, `/api/docs`). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
