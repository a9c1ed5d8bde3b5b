import { AdaptiveCard } from '@microsoft/teams-ai';
import { CardFactory, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { BotApp } from '../bot/teams';
import { messageText, turnLocale } from '../bot/turn';
import { AdaptiveCardJson } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { CATEGORY_SLUGS } from '../contracts/model';
import { foldText } from '../contracts/text';
import { ActionLimits } from '../core/limits';
import { Db } from '../db';
import { Locale, t } from '../i18n';
import { person } from '../bot/identity';
import { PrivateReply } from '../bot/private-reply';
import { OfficerDirectory } from '../intake/officers';
import { IntakeError, IntakeService } from '../intake/service';
import { answerValues, surveyCard, surveyStartCard, thanksCard } from './cards';
import { DRIVERS, NKI_QUESTIONS } from './nki';
import { NkiScope, loadNkiData, nkiReportCard } from './report';
import { SurveyService, surveyFormSchema, toAnswers } from './service';
import { numberInput } from '../util/input';

export interface SurveyBotDeps {
  db: Db;
  surveys: SurveyService;
  intake: IntakeService;
  officers: OfficerDirectory;
  minResponses: number;
  satisfiedFrom: number;
  privateReply: PrivateReply;
  /** Per-person limits on survey actions (answering, changing answers, sending a survey). */
  limits?: ActionLimits;
}

const idPayload = z.object({ surveyId: numberInput(z.number().int().positive()) }).passthrough();
const card = (json: AdaptiveCardJson) => json as unknown as AdaptiveCard;

/** "nki", "nki 2026", "nki kategori IT", "nki INK-2026-0042" → the scope and how to name it. */
export function parseNkiScope(text: string, locale: Locale): { scope: NkiScope; label: string } | null {
  const m = /^nki(?:\s+(.*))?$/i.exec(text.trim());
  if (!m) return null;
  const rest = (m[1] ?? '').trim();
  if (!rest) return { scope: {}, label: t(locale, 'survey.report.all') };
  if (/^\d{4}$/.test(rest)) return { scope: { year: Number(rest) }, label: t(locale, 'survey.report.year', { year: rest }) };
  const caseNo = /^INK-\d{4}-\d{4,6}$/i.exec(rest);
  if (caseNo) return { scope: { caseNumber: rest.toUpperCase() }, label: t(locale, 'survey.report.case', { caseNumber: rest.toUpperCase() }) };
  const cat = /^(?:kategori|category)\s+(.+)$/i.exec(rest);
  if (cat) {
    const wanted = foldText(cat[1]).trim();
    const slug = CATEGORY_SLUGS.find((s) => s === wanted || foldText(t('sv', `categories.${s}`)) === wanted || foldText(t('en', `categories.${s}`)) === wanted || foldText(t('sv', `categories.${s}`)).startsWith(wanted));
    if (slug) return { scope: { category: slug }, label: t(locale, 'survey.report.category', { category: t(locale, `categories.${slug}`) }) };
  }
  return null;
}

export function register(app: BotApp, deps: SurveyBotDeps): void {
  const { surveys } = deps;
  const refuse = (locale: Locale, err: unknown): string => {
    if (err instanceof IntakeError) {
      if (err.code === 'forbidden') return t(locale, 'survey.notRespondent');
      if (err.code === 'closed') return t(locale, 'survey.closed');
      return t(locale, 'common.cardDataInvalid');
    }
    throw err;
  };

  const within = (ctx: TurnContext) => !deps.limits || deps.limits.allow('survey', person(ctx).aadId);

  async function submit(ctx: TurnContext, data: Record<string, unknown>): Promise<AdaptiveCardJson | string> {
    const locale = turnLocale(ctx);
    const ids = idPayload.safeParse(data);
    if (!ids.success) return t(locale, 'common.cardDataInvalid');
    const survey = await surveys.get(ids.data.surveyId);
    if (!survey) return t(locale, 'common.cardDataInvalid');
    const respondent = await surveys.respondent(survey.id, person(ctx).aadId);
    if (!respondent) return t(locale, 'survey.notRespondent');
    const parsed = surveyFormSchema.safeParse(data);
    if (!parsed.success) {
      const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), true]));
      const values = Object.fromEntries([...NKI_QUESTIONS, ...DRIVERS, 'comment'].map((k) => [k, typeof data[k] === 'string' ? (data[k] as string).slice(0, 2000) : '']));
      return surveyCard(locale, { surveyId: survey.id, title: survey.title, closeAt: survey.closeAt, values, errors });
    }
    const answers = toAnswers(parsed.data);
    if (!within(ctx)) return t(locale, 'common.tooMany');
    try {
      await surveys.submit(survey.id, person(ctx), answers);
    } catch (err) {
      return refuse(locale, err);
    }
    return thanksCard(locale, survey.id, answers, survey.closeAt, true);
  }

  app.adaptiveCards.actionExecute(VERBS.surveySubmit, async (ctx, _state, data) => {
    const out = await submit(ctx, (data ?? {}) as Record<string, unknown>);
    return typeof out === 'string' ? out : card(out);
  });
  app.adaptiveCards.actionSubmit(VERBS.surveySubmit, async (ctx, _state, data) => {
    const out = await submit(ctx, (data ?? {}) as Record<string, unknown>);
    await ctx.sendActivity(typeof out === 'string' ? out : { attachments: [CardFactory.adaptiveCard(out)] });
  });

  // "Ändra mina svar": the survey again, filled with the respondent's own answers, while it is open.
  app.adaptiveCards.actionExecute(VERBS.surveyEdit, async (ctx, _state, data) => {
    const locale = turnLocale(ctx);
    const ids = idPayload.safeParse(data ?? {});
    const survey = ids.success ? await surveys.get(ids.data.surveyId) : null;
    if (!survey) return t(locale, 'common.cardDataInvalid');
    const respondent = await surveys.respondent(survey.id, person(ctx).aadId);
    if (!respondent) return t(locale, 'survey.notRespondent');
    const mine = await surveys.answersOf(respondent.id);
    if (survey.status !== 'open') return mine ? card(thanksCard(locale, survey.id, mine, survey.closeAt, false)) : t(locale, 'survey.closed');
    return card(surveyCard(locale, { surveyId: survey.id, title: survey.title, closeAt: survey.closeAt, values: mine ? answerValues(mine) : {} }));
  });

  // An officer sends the survey for a case: "skicka enkät INK-2026-0042".
  app.message(async (ctx) => /^(skicka\s+enk[aä]t|send\s+survey)\s+INK-\d{4}-\d{4,6}\s*$/i.test(messageText(ctx)), async (ctx) => {
    const locale = turnLocale(ctx);
    const caseNumber = /INK-\d{4}-\d{4,6}/i.exec(messageText(ctx))?.[0].toUpperCase() ?? '';
    // Officers first: otherwise "not found" against "not allowed" tells anyone which case numbers exist.
    if (!(await deps.officers.isOfficer(person(ctx).aadId))) return void (await ctx.sendActivity(t(locale, 'intake.errorsApi.forbidden')));
    const c = await deps.intake.get(caseNumber);
    if (!c) return void (await ctx.sendActivity(t(locale, 'intake.errorsApi.not-found', { caseNumber })));
    if (!within(ctx)) return void (await ctx.sendActivity(t(locale, 'common.tooMany')));
    try {
      const { surveyId } = await surveys.startForCase(c, person(ctx));
      if (!surveyId) return void (await ctx.sendActivity(t(locale, 'survey.alreadyStarted', { caseNumber })));
      const rows = await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM survey_respondents WHERE survey_id = $1 AND reachable', [surveyId]);
      const unreachable = await surveys.unreachable(surveyId);
      const lines = [t(locale, 'survey.started', { caseNumber, count: rows[0]?.n ?? 0 })];
      if (unreachable.length) lines.push(t(locale, 'survey.unreachable', { names: unreachable.join(', ') }));
      await ctx.sendActivity(lines.join('\n\n'));
    } catch (err) {
      await ctx.sendActivity(err instanceof IntakeError && err.code === 'forbidden' ? t(locale, 'intake.errorsApi.forbidden') : refuse(locale, err));
    }
  });

  // "ny enkät": the card for a survey about a procurement that is not a case, with Teams' people picker.
  app.message(async (ctx) => /^(ny\s+enk[aä]t|new\s+survey)\s*$/i.test(messageText(ctx)), async (ctx) => {
    const locale = turnLocale(ctx);
    if (!(await deps.officers.isOfficer(person(ctx).aadId))) return void (await ctx.sendActivity(t(locale, 'intake.errorsApi.forbidden')));
    await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(surveyStartCard(locale))] });
  });
  const startPayload = z.object({
    procurement: z.string().trim().min(2).max(200),
    category: z.enum(CATEGORY_SLUGS),
    people: z.string().transform((v) => v.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean)).pipe(z.array(z.string().regex(/^[0-9a-f-]{36}$/)).min(1).max(2000)),
  });
  app.adaptiveCards.actionExecute(VERBS.surveyStart, async (ctx, _state, data) => {
    const locale = turnLocale(ctx);
    const p = startPayload.safeParse(data ?? {});
    if (!p.success) return t(locale, 'common.cardDataInvalid');
    if (!within(ctx)) return t(locale, 'common.tooMany');
    try {
      const people = [...new Set(p.data.people)].map((aadId) => ({ aadId, name: '' }));
      const { invited } = await surveys.startStandalone(p.data.procurement, p.data.category, person(ctx), people);
      return t(locale, 'survey.startedStandalone', { title: p.data.procurement, count: invited });
    } catch (err) {
      return err instanceof IntakeError && err.code === 'forbidden' ? t(locale, 'intake.errorsApi.forbidden') : refuse(locale, err);
    }
  });

  // "nki [år | kategori X | INK-…]": the report, for officers.
  app.message(async (ctx) => /^nki(\s+.*)?$/i.test(messageText(ctx)), async (ctx) => {
    const locale = turnLocale(ctx);
    if (!(await deps.officers.isOfficer(person(ctx).aadId))) return void (await ctx.sendActivity(t(locale, 'intake.errorsApi.forbidden')));
    const parsed = parseNkiScope(messageText(ctx), locale);
    if (!parsed) return void (await ctx.sendActivity(t(locale, 'common.notUnderstood')));
    const data = await loadNkiData(deps.db, parsed.scope);
    await deps.privateReply(ctx, {
      attachments: [CardFactory.adaptiveCard(nkiReportCard(locale, parsed.label, data, { minResponses: deps.minResponses, satisfiedFrom: deps.satisfiedFrom }))],
    });
  });
}
