import { OFFICERS_CHANNEL, userTarget } from '../core/targets';
import { OutboxMessage } from '../outbox/repository';
import { CaseRecord } from './repository';

/** The officers' channel card of a case, posted or updated. */
export const channelCard = (c: CaseRecord): OutboxMessage => ({ kind: 'intake.channel-card', caseId: c.id, target: OFFICERS_CHANNEL, payload: {} });

/** A message to the submitter in their 1:1 chat: a locale key and its parameters (rendered at delivery). */
export const submitterNotice = (c: CaseRecord, key: string, params: Record<string, string> = {}): OutboxMessage => ({
  kind: 'intake.submitter-notice',
  caseId: c.id,
  target: userTarget(c.submitter.aadId),
  payload: { key, params: { caseNumber: c.caseNumber, title: c.title, ...params } },
});
