import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { BotApp, TeamsParts, executeAnswer, onCardAction } from '../bot/teams';
import { person, PrivateReply, turnLocale } from '../bot/turn';
import { AdaptiveCardJson, asAttachment } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { ActionLimits } from '../core/limits';
import { Db } from '../db';
import { Locale, t } from '../i18n';
import { OfficerDirectory } from '../core/officer-repository';
import { IntakeService } from '../intake/api';
import { answerValues, surveyCard, surveyStartCard, thanksCard } from './cards';
import { DRIVERS, NKI_QUESTIONS } from './nki';
import { NkiScope, loadNkiReport, nkiReportCard } from './report';
import { hideComment } from './release-repository';
import { Logger } from '../logger';
import { countReachable } from './repository';
import { SurveyService, surveyFormSchema, toAnswers } from './service';
import { YEAR_MIN, numberInput, parseYear, yearMax } from '../util/input';
import { Category, findCategory } from '../core/categories';
import { CategoryDirectory } from '../core/category-repository';
import { foldText } from '../util/text';
import { DomainError } from '../core/errors';

export interface SurveyTeamsDeps {
  db: Db;
  surveys: SurveyService;
  intake: IntakeService;
  officers: OfficerDirectory;
  categories: CategoryDirectory;
  minResponses: number;
  satisfiedFrom: number;
  privateReply: PrivateReply;
  /** Per-person limits on survey actions (answering, changing answers, sending a survey). */
  limits?: ActionLimits;
  /** Where hiding a comment is logged (besides who and when on the comment itself). */
  logger?: Logger;
}

/** "nki dölj kommentar 12" / "nki hide comment 12": the comment's number, or null. */
export function parseHideComment(text: string): number | null {
  const m = /^nki\s+(?:d[oö]lj\s+kommentar|hide\s+comment)\s+#?(\d{1,12})\s*$/i.exec(text.trim());
  return m ? Number(m[1]) : null;
}

const idPayload = z.object({ surveyId: numberInput(z.number().int().positive()) }).passthrough();

/** "nki", "nki 2026", "nki kategori IT", "nki INK-2026-0042" → the scope and how to name it. */
export function parseNkiScope(text: string, locale: Locale, categories: readonly Category[]): { scope: NkiScope; label: string } | null {
  const m = /^nki(?:\s([\s\S]*))?$/i.exec(text.trim());
  if (!m) return null;
  const rest = (m[1] ?? '').trim();
  if (!rest) return { scope: {}, label: t(locale, 'survey.report.all') };
  const year = parseYear(rest);
  if (year !== null) return { scope: { year }, label: t(locale, 'survey.report.year', { year: String(year) }) };
  const caseNo = /^INK-\d{4}-\d{4,6}$/i.exec(rest);
  if (caseNo) return { scope: { caseNumber: rest.toUpperCase() }, label: t(locale, 'survey.report.case', { caseNumber: rest.toUpperCase() }) };
  const cat = /^(?:kategori|category)\s(.+)$/i.exec(rest);
  if (cat) {
    const wanted = foldText(cat[1]).trim();
    // A slug, a name or alias, or the start of a Swedish name ("nki kategori IT").
    const found = findCategory(categories, cat[1]) ?? categories.find((c) => wanted.length >= 2 && foldText(c.name.sv).startsWith(wanted));
    if (found) return { scope: { category: found.slug }, label: t(locale, 'survey.report.category', { category: found.name[locale] }) };
  }
  return null;
}

/** The NKI survey in Teams: the survey card and its answers, sending a survey, the NKI report. */
/** A refusal from the survey service, in the user's words. */
const refuse = (locale: Locale, err: unknown): string => {
  if (err instanceof DomainError) {
    if (err.code === 'forbidden') return t(locale, 'survey.notRespondent');
    if (err.code === 'closed') return t(locale, 'survey.closed');
    return t(locale, 'common.cardDataInvalid');
  }
  throw err;
};

/** Within the person's hourly limit of survey actions (and the action counted). */
const within = (deps: SurveyTeamsDeps, ctx: TurnContext) => !deps.limits || deps.limits.allow('survey', person(ctx).aadId);

/** The survey card sent: errors back on the card, or the answers stored and a thank-you card. */
async function submit(deps: SurveyTeamsDeps, ctx: TurnContext, data: Record<string, unknown>): Promise<AdaptiveCardJson | string> {
  const { surveys } = deps;
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
  if (!within(deps, ctx)) return t(locale, 'common.tooMany');
  try {
    await surveys.submit(survey.id, person(ctx), answers);
  } catch (err) {
    return refuse(locale, err);
  }
  return thanksCard(locale, survey.id, answers, survey.closeAt, true);
}

export function surveyTeams(deps: SurveyTeamsDeps): TeamsParts {
  const { surveys } = deps;
  return {
    commands: {
      // An officer sends the survey for a case: "skicka enkät INK-2026-0042"; "ny enkät" gives the card for a procurement that is not a case; "nki [år | kategori X | INK-…]" the report.
      'survey.send': async (ctx, text) => {
        const locale = turnLocale(ctx);
        const caseNumber = /INK-\d{4}-\d{4,6}/i.exec(text)?.[0].toUpperCase() ?? '';
        // Officers first: otherwise "not found" against "not allowed" tells anyone which case numbers exist.
        if (!(await deps.officers.isOfficer(person(ctx).aadId))) return void (await ctx.sendActivity(t(locale, 'errors.forbidden')));
        const c = await deps.intake.get(caseNumber);
        if (!c) return void (await ctx.sendActivity(t(locale, 'survey.caseNotFound', { caseNumber })));
        if (!within(deps, ctx)) return void (await ctx.sendActivity(t(locale, 'common.tooMany')));
        try {
          const { surveyId } = await surveys.startForCase(c, person(ctx));
          if (!surveyId) return void (await ctx.sendActivity(t(locale, 'survey.alreadyStarted', { caseNumber })));
          const reachable = await countReachable(deps.db, surveyId);
          // The names of those who cannot be reached go to the sender only, here, and never into a report.
          const unreachable = await surveys.unreachable(surveyId);
          const lines = [t(locale, 'survey.started', { caseNumber, count: reachable })];
          if (unreachable.length) lines.push(t(locale, 'survey.unreachable', { names: unreachable.join(', ') }));
          lines.push(t(locale, 'survey.officersNotAsked'));
          await ctx.sendActivity(lines.join('\n\n'));
        } catch (err) {
          await ctx.sendActivity(err instanceof DomainError && err.code === 'forbidden' ? t(locale, 'errors.forbidden') : refuse(locale, err));
        }
      },
      'survey.new': async (ctx) => {
        const locale = turnLocale(ctx);
        if (!(await deps.officers.isOfficer(person(ctx).aadId))) return void (await ctx.sendActivity(t(locale, 'errors.forbidden')));
        await ctx.sendActivity({ attachments: [asAttachment(surveyStartCard(locale, await deps.categories.list()))] });
      },
      'survey.nki': async (ctx, text) => {
        const locale = turnLocale(ctx);
        if (!(await deps.officers.isOfficer(person(ctx).aadId))) return void (await ctx.sendActivity(t(locale, 'errors.forbidden')));
        const hide = parseHideComment(text);
        if (hide !== null) {
          // Hidden, never edited: who and when stay on the comment, and the log says so.
          const done = await hideComment(deps.db, hide, person(ctx).aadId);
          if (done) deps.logger?.info({ nkiComment: hide, by: person(ctx).aadId }, 'nki comment hidden');
          return void (await ctx.sendActivity(t(locale, done ? 'survey.report.commentHidden' : 'survey.report.commentNotFound', { id: hide })));
        }
        const parsed = parseNkiScope(text, locale, await deps.categories.list());
        // "nki 1999", "nki 02026", "nki 0x7EA": meant as a year, so say what a year looks like.
        if (!parsed && /^nki\s+[\d%+-]/i.test(text.trim())) {
          return void (await ctx.sendActivity(t(locale, 'common.badYear', { min: YEAR_MIN, max: yearMax(), example: t(locale, 'survey.report.yearExample') })));
        }
        if (!parsed) return void (await ctx.sendActivity(t(locale, 'common.notUnderstood')));
        const data = await loadNkiReport(deps.db, surveys, parsed.scope);
        await deps.privateReply(ctx, {
          attachments: [asAttachment(nkiReportCard(locale, parsed.label, data, { minResponses: deps.minResponses, satisfiedFrom: deps.satisfiedFrom }))],
        });
      },
    },
    register(app: BotApp) {
      onCardAction(app, VERBS.surveySubmit, (ctx, data) => submit(deps, ctx, data));

      // "Ändra mina svar": the survey again, filled with the respondent's own answers, while it is open.
      app.adaptiveCards.actionExecute(VERBS.surveyEdit, async (ctx, _state, data) => {
        const locale = turnLocale(ctx);
        const ids = idPayload.safeParse(data ?? {});
        const survey = ids.success ? await surveys.get(ids.data.surveyId) : null;
        if (!survey) return t(locale, 'common.cardDataInvalid');
        const respondent = await surveys.respondent(survey.id, person(ctx).aadId);
        if (!respondent) return t(locale, 'survey.notRespondent');
        const mine = await surveys.answersOf(respondent.id);
        if (survey.status !== 'open') return mine ? executeAnswer(thanksCard(locale, survey.id, mine, survey.closeAt, false)) : t(locale, 'survey.closed');
        return executeAnswer(surveyCard(locale, { surveyId: survey.id, title: survey.title, closeAt: survey.closeAt, values: mine ? answerValues(mine) : {} }));
      });


      const startPayload = z.object({
        procurement: z.string().trim().min(2).max(200),
        category: z.string().trim().min(1).max(60),
        people: z.string().transform((v) => v.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean)).pipe(z.array(z.string().regex(/^[0-9a-f-]{36}$/)).min(1).max(2000)),
      });
      app.adaptiveCards.actionExecute(VERBS.surveyStart, async (ctx, _state, data) => {
        const locale = turnLocale(ctx);
        const p = startPayload.safeParse(data ?? {});
        if (!p.success || !(await deps.categories.list()).some((c) => c.slug === p.data.category)) return t(locale, 'common.cardDataInvalid');
        if (!within(deps, ctx)) return t(locale, 'common.tooMany');
        try {
          const people = [...new Set(p.data.people)].map((aadId) => ({ aadId, name: '' }));
          const { invited, refused } = await surveys.startStandalone(p.data.procurement, p.data.category, person(ctx), people);
          const text = t(locale, 'survey.startedStandalone', { title: p.data.procurement, count: invited });
          return refused ? `${text}\n\n${t(locale, 'survey.officersRefused', { count: refused })}` : text;
        } catch (err) {
          return err instanceof DomainError && err.code === 'forbidden' ? t(locale, 'errors.forbidden') : refuse(locale, err);
        }
      });
    },
  };
}
