import { Activity, CardFactory, ConversationReference } from 'botbuilder';
import { Messenger } from '../bot/messenger';
import { Config } from '../config';
import { Db } from '../db';
import { localeFrom, t } from '../i18n';
import { OutboxRow, loadConversationRef } from '../outbox/repository';
import { DeliveryHandler } from '../outbox/worker';
import { caseCard, questionCard } from './cards';
import { OfficerDirectory } from './officers';
import { caseEvents, findCase } from './repository';
import { OFFICERS_CHANNEL } from './service';

class NoTarget extends Error {
  // Treated like the connector's 404: kept pending and retried rarely until someone registers a channel.
  readonly statusCode = 404;
}

/**
 * Turns outbox rows into Teams messages, rendered from the case as it is when the notice goes out,
 * so a late retry never shows stale facts.
 */
export function createIntakeDelivery(deps: { db: Db; messenger: Messenger; officers: OfficerDirectory; config: Pick<Config, 'INTAKE_CHANNEL_ID' | 'INTAKE_SERVICE_URL'> }) {
  const { db, messenger } = deps;

  async function target(row: OutboxRow): Promise<Partial<ConversationReference>> {
    const stored = await loadConversationRef(db, row.target);
    if (stored) return stored as Partial<ConversationReference>;
    if (row.target === OFFICERS_CHANNEL && deps.config.INTAKE_CHANNEL_ID) {
      return {
        channelId: 'msteams',
        serviceUrl: deps.config.INTAKE_SERVICE_URL,
        conversation: { id: deps.config.INTAKE_CHANNEL_ID, isGroup: true, conversationType: 'channel', name: '' },
      };
    }
    throw new NoTarget(`no conversation for ${row.target}`);
  }

  async function caseOf(row: OutboxRow) {
    const c = row.caseId ? await findCase(db, { id: row.caseId }) : null;
    if (!c) throw Object.assign(new Error(`case ${row.caseId} is gone`), { statusCode: 410 });
    return c;
  }

  const handlers: Record<string, DeliveryHandler> = {
    'channel-card': async (row) => {
      const c = await caseOf(row);
      const ref = await target(row);
      const activity: Partial<Activity> = {
        type: 'message',
        attachments: [CardFactory.adaptiveCard(caseCard('sv', c, await caseEvents(db, c.id), await deps.officers.refreshList()))],
      };
      if (c.channelActivityId) {
        await messenger.update(ref, c.channelActivityId, activity);
        return { updated: c.channelActivityId };
      }
      const { id } = await messenger.send(ref, activity);
      if (id) await db.query('UPDATE cases SET channel_activity_id = $2 WHERE id = $1 AND channel_activity_id IS NULL', [c.id, id]);
      return { posted: id ?? null };
    },

    'submitter-notice': async (row) => {
      const c = await caseOf(row);
      const locale = localeFrom(c.submitter.locale);
      const p = row.payload as { key: string; params: Record<string, string> };
      const params = { ...p.params, ...(p.params.status ? { status: t(locale, `intake.status.${p.params.status}`) } : {}) };
      let text = t(locale, p.key, params);
      if (p.params.comment) text += `\n\n${t(locale, 'intake.notice.statusComment', { comment: p.params.comment })}`;
      const { id } = await messenger.send(await target(row), { type: 'message', text });
      return { id: id ?? null };
    },

    'submitter-question': async (row) => {
      const c = await caseOf(row);
      const p = row.payload as { question: string; officer: string };
      const { id } = await messenger.send(await target(row), { type: 'message', attachments: [questionCard(localeFrom(c.submitter.locale), c, p.question, p.officer)] });
      return { id: id ?? null };
    },
  };
  return handlers;
}
