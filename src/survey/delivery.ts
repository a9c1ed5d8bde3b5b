import { asAttachment } from '../cards/loader';
import { Messenger } from '../core/messenger';
import { Config } from '../config';
import { Db } from '../db';
import { localeFrom } from '../i18n';
import { DeliveryHandler } from '../outbox/worker';
import { resolveTarget } from '../outbox/targets';
import { surveyCard } from './cards';
import { SurveyService } from './service';

/** Sends survey invitations and the one reminder; a reminder to someone who has answered, or to a closed survey, is dropped. */
export function createSurveyDelivery(deps: {
  db: Db;
  messenger: Messenger;
  surveys: SurveyService;
  config: Pick<Config, 'INTAKE_CHANNEL_ID' | 'INTAKE_SERVICE_URL'> & Partial<Pick<Config, 'MicrosoftAppTenantId'>>;
}) {
  // Every invitation to a survey is the same card; render it once per survey, language and kind
  // (templating a card of 16 questions costs more than sending it).
  const rendered = new Map<string, ReturnType<typeof surveyCard>>();
  const cardFor = (locale: ReturnType<typeof localeFrom>, survey: { id: number; title: string; closeAt: string }, reminder: boolean) => {
    const key = `${survey.id}|${locale}|${reminder}`;
    let card = rendered.get(key);
    if (!card) {
      card = surveyCard(locale, { surveyId: survey.id, title: survey.title, closeAt: survey.closeAt, reminder });
      if (rendered.size > 200) rendered.clear();
      rendered.set(key, card);
    }
    return card;
  };
  const handlers: Record<string, DeliveryHandler> = {
    'survey-invite': async (row) => {
      const p = row.payload as { respondentId: number; reminder?: boolean };
      const respondent = await deps.surveys.respondentById(p.respondentId);
      const survey = respondent ? await deps.surveys.get(respondent.surveyId) : null;
      if (!respondent || !survey || survey.status !== 'open') return { skipped: 'closed' };
      if (p.reminder && (await deps.surveys.answersOf(respondent.id))) return { skipped: 'answered' };
      const card = cardFor(localeFrom(respondent.locale), survey, Boolean(p.reminder));
      const { id } = await deps.messenger.send(await resolveTarget(deps.db, row.target, deps.config, deps.messenger), { attachments: [asAttachment(card)] });
      return { id: id ?? null };
    },
  };
  return handlers;
}
