import { z } from 'zod';
import { asAttachment } from '../cards/loader';
import { Config } from '../config';
import { Messenger } from '../core/messenger';
import { Db } from '../db';
import { resolveTarget } from '../outbox/targets';
import { DeliveryHandler } from '../outbox/worker';
import { digestCard } from './cards';
import { DigestPayload } from './digest-job';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable();
const payloadSchema = z.object({
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  today: z.string(),
  weeks: z.number().int().min(1),
  entries: z.array(
    z.object({
      contractId: z.string().nullable(),
      caseNumber: z.string().nullable(),
      title: z.string(),
      latestStart: day,
      decideBy: day,
      neededBy: day,
      reasons: z.array(z.enum(['start-overdue', 'start-due', 'extension-overdue', 'extension-due'])),
    }),
  ),
});

/** Posts the weekly digest (the snapshot taken when the week was claimed) to the officers' channel. */
export function createPlanDelivery(deps: { db: Db; messenger: Messenger; config: Pick<Config, 'INTAKE_CHANNEL_ID' | 'INTAKE_SERVICE_URL'> }): Record<string, DeliveryHandler> {
  return {
    digest: async (row) => {
      const payload = payloadSchema.safeParse(row.payload);
      // A payload this version cannot read is never sent (and not retried every pass).
      if (!payload.success) return { skipped: 'unreadable' };
      const ref = await resolveTarget(deps.db, row.target, deps.config);
      const { id } = await deps.messenger.send(ref, { attachments: [asAttachment(digestCard('sv', payload.data as DigestPayload))] });
      return { id: id ?? null };
    },
  };
}
