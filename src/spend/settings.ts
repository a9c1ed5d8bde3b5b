import { z } from 'zod';
import { parseAccountRanges } from './accounts';

/** The spend capability's settings, merged into the config at start (src/config.ts, settingsOf). */
export const spendSettings = z.object({
  // Purchase (influenceable) accounts for avtalstrohet: a default for each region to set from its own account plan.
  SPEND_ACCOUNTS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim() || '5000-5799,6000-7999')
    .refine((v) => parseAccountRanges(v) !== null, 'must be account ranges such as 5000-5799,6000-7999'),
  // Largest supplier-ledger file accepted (REST, Teams upload), in megabytes; the command line reads up to 1 GB.
  SPEND_MAX_FILE_MB: z.coerce.number().int().min(1).max(1024).default(100),
});
