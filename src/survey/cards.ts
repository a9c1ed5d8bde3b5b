import { AdaptiveCardJson, renderCard } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { Locale, t } from '../i18n';
import { formatDate } from '../i18n/format';
import { DRIVERS, NKI_QUESTIONS, SurveyAnswers } from './nki';
import { Category } from '../core/categories';

const scale = (locale: Locale, withDontKnow: boolean) => [
  ...Array.from({ length: 10 }, (_, i) => ({ title: String(i + 1), value: String(i + 1) })),
  ...(withDontKnow ? [{ title: t(locale, 'survey.dontKnow'), value: '0' }] : []),
];

export interface SurveyCardInput {
  surveyId: number;
  title: string;
  closeAt: string;
  reminder?: boolean;
  values?: Partial<Record<string, string>>;
  errors?: Partial<Record<string, boolean>>;
}

/** The survey: three NKI questions (required), six drivers with "vet ej", one open question. */
export function surveyCard(locale: Locale, s: SurveyCardInput): AdaptiveCardJson {
  const values = s.values ?? {};
  const errors = s.errors ?? {};
  const q = (id: string, label: string, required: boolean) => ({
    id,
    label,
    required,
    value: values[id] ?? '',
    choices: scale(locale, !required),
    error: errors[id] ? t(locale, 'survey.required') : '',
  });
  return renderCard('survey', {
    title: t(locale, 'survey.title'),
    intro: s.reminder ? t(locale, 'survey.reminderIntro', { title: s.title, date: formatDate(locale, s.closeAt.slice(0, 10)) }) : t(locale, 'survey.intro', { title: s.title }),
    errorSummary: Object.keys(errors).length ? t(locale, 'survey.errorSummary') : '',
    scaleText: `${t(locale, 'survey.scaleLow')} · ${t(locale, 'survey.scaleHigh')}`,
    requiredText: t(locale, 'survey.required'),
    questions: [
      ...NKI_QUESTIONS.map((id) => q(id, t(locale, `survey.questions.${id}`), true)),
      ...DRIVERS.map((id) => q(id, t(locale, `survey.drivers.${id}`), false)),
    ],
    commentLabel: t(locale, 'survey.comment'),
    comment: values.comment ?? '',
    verb: VERBS.surveySubmit,
    submitLabel: t(locale, 'survey.submit'),
    surveyId: s.surveyId,
  });
}

/** Answers → the card's input values (so "ändra mina svar" starts from what was given). */
export function answerValues(a: SurveyAnswers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of NKI_QUESTIONS) out[q] = String(a.nki[q]);
  for (const d of DRIVERS) out[d] = a.drivers[d] === null ? '0' : String(a.drivers[d]);
  if (a.comment) out.comment = a.comment;
  return out;
}

export function thanksCard(locale: Locale, surveyId: number, a: SurveyAnswers, closeAt: string, open: boolean): AdaptiveCardJson {
  return renderCard('survey-thanks', {
    title: t(locale, 'survey.thanksTitle'),
    text: open ? t(locale, 'survey.thanksText', { date: formatDate(locale, closeAt.slice(0, 10)) }) : t(locale, 'survey.closed'),
    answersLabel: t(locale, 'survey.yourAnswers'),
    facts: [
      ...NKI_QUESTIONS.map((q) => ({ title: t(locale, `survey.questions.${q}`), value: String(a.nki[q]) })),
      ...DRIVERS.map((d) => ({ title: t(locale, `survey.drivers.${d}`), value: a.drivers[d] === null ? t(locale, 'survey.dontKnow') : String(a.drivers[d]) })),
      { title: t(locale, 'survey.comment'), value: a.comment || t(locale, 'survey.noComment') },
    ],
    open,
    editVerb: VERBS.surveyEdit,
    editLabel: t(locale, 'survey.edit'),
    surveyId,
  });
}

/** The officer's card for a survey about a procurement that is not a case (people picked with Teams' picker). */
export function surveyStartCard(locale: Locale, categories: readonly Category[]): AdaptiveCardJson {
  return renderCard('survey-start', {
    title: t(locale, 'survey.startTitle'),
    intro: t(locale, 'survey.startIntro'),
    procurementLabel: t(locale, 'survey.procurement'),
    categoryLabel: t(locale, 'survey.category'),
    categories: categories.map((c) => ({ value: c.slug, title: c.name[locale] })),
    peopleLabel: t(locale, 'survey.people'),
    requiredText: t(locale, 'errors.required'),
    verb: VERBS.surveyStart,
    submitLabel: t(locale, 'survey.startButton'),
  });
}
