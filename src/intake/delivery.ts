import { asAttachment } from '../cards/loader';
import { Messenger } from '../core/messenger';
import { Config } from '../config';
import { Db } from '../db';
import { localeFrom, t } from '../i18n';
import { formatDate } from '../i18n/format';
import { OutboxRow } from '../outbox/repository';
import { postOrUpdate, resolveTarget } from '../outbox/targets';
import { DeliveryHandler } from '../outbox/worker';
import { caseCard, questionCard } from './cards';
import { OfficerDirectory } from '../core/officer-repository';
import { caseEvents, findCase, rememberChannelMessage } from './repository';

/**
 * Turns outbox rows into Teams messages, rendered from the case as it is when the notice goes out,
 * so a late retry never shows stale facts.
 */
export function createIntakeDelivery(deps: { db: Db; messenger: Messenger; officers: OfficerDirectory; config: Pick<Config, 'INTAKE_CHANNEL_ID' | 'INTAKE_SERVICE_URL'> }) {
  const { db, messenger } = deps;

  const target = (row: OutboxRow) => resolveTarget(db, row.target, deps.config);

  async function caseOf(row: OutboxRow) {
    const c = row.caseId ? await findCase(db, { id: row.caseId }) : null;
    if (!c) throw Object.assign(new Error(`case ${row.caseId} is gone`), { statusCode: 410 });
    return c;
  }

  const handlers: Record<string, DeliveryHandler> = {
    'channel-card': async (row) => {
      const c = await caseOf(row);
      const ref = await target(row);
      const message = { attachments: [asAttachment(caseCard('sv', c, await caseEvents(db, c.id), await deps.officers.refreshList()))] };
      return postOrUpdate(messenger, ref, message, c.channelActivityId, (id) => rememberChannelMessage(db, c.id, id));
    },

    'submitter-notice': async (row) => {
      const c = await caseOf(row);
      const locale = localeFrom(c.submitter.locale);
      const p = row.payload as { key: string; params: Record<string, string> };
      const params = {
        ...p.params,
        ...(p.params.status ? { status: t(locale, `intake.status.${p.params.status}`) } : {}),
        ...(p.params.cause ? { cause: t(locale, `intake.cancelCause.${p.params.cause}`) } : {}),
        ...(p.params.date ? { date: formatDate(locale, p.params.date) } : {}),
      };
      let text = t(locale, p.key, params);
      if (p.params.contractId) text += `\n\n${t(locale, 'intake.notice.contractId', { contractId: p.params.contractId })}`;
      if (p.params.comment) text += `\n\n${t(locale, 'intake.notice.statusComment', { comment: p.params.comment })}`;
      const { id } = await messenger.send(await target(row), { text });
      return { id: id ?? null };
    },

    'submitter-question': async (row) => {
      const c = await caseOf(row);
      const p = row.payload as { question: string; officer: string };
      const { id } = await messenger.send(await target(row), { attachments: [questionCard(localeFrom(c.submitter.locale), c, p.question, p.officer)] });
      return { id: id ?? null };
    },
  };
  return handlers;
}
