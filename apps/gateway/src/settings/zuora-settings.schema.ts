import { z } from 'zod';
import type { ZuoraSettings } from '@subsync/domain';

/** The settings document key of the Zuora settings (table `settings`). */
export const ZUORA_SETTINGS_KEY = 'zuora';

export const DEFAULT_ZUORA_SETTINGS: ZuoraSettings = { hotSyncEnabled: false };

export const zuoraSettingsBodySchema = z.object({
  hotSyncEnabled: z.boolean({ error: 'must be true or false' }),
});

/** What is stored reads back with defaults for anything never set. */
export function zuoraSettingsFrom(stored: Record<string, unknown> | null): ZuoraSettings {
  const hotSyncEnabled = stored?.['hotSyncEnabled'];
  return {
    hotSyncEnabled:
      typeof hotSyncEnabled === 'boolean' ? hotSyncEnabled : DEFAULT_ZUORA_SETTINGS.hotSyncEnabled,
  };
}
