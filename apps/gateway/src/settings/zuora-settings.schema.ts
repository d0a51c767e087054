import { z } from 'zod';

export const zuoraSettingsBodySchema = z.object({
  hotSyncEnabled: z.boolean({ error: 'must be true or false' }),
});
