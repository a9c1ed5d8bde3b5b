import { z } from 'zod';
import { Db, Queryable } from '../db';
import { OfficerDirectory } from '../core/officer-repository';
import { CaseRecord } from '../intake/api';
import { OutboxMessage, enqueue } from '../outbox/repository';
import { DEFAULT_SATISFIED_BAND, DRIVERS, NKI_QUESTIONS, SurveyAnswers } from './nki';
import { ReleaseSettings, createReleaser } from './release-service';
import { officersAmong } from './release-repository';
import { numberInput } from '../util/input';
import { Person } from '../core/person';
import { DomainError } from '../core/errors';
import { userTarget } from '../core/targets';
import {
  Respondent,
  SurveyRecord,
  addRespondent,
  answersOf,
  claimDueReminders,
  closeDueSurveys,
  findRespondent,
  findSurvey,
  insertCaseSurvey,
  insertStandaloneSurvey,
  lockSurveyStatus,
  markReminded,
  unansweredRespondents,
  unreachableNames,
  upsertResponse,
} from './repository';

/**
 * The NKI survey after a procurement: started when a case reaches the configured status (or by an
 * officer), invitations and one reminder through the outbox, and closing, all scheduled in the
 * database so several instances can share the work (claims use FOR UPDATE SKIP LOCKED).
 */
export type { Respondent, SurveyRecord };

const rating = numberInput(z.number().int().min(1).max(10));
/** Drivers may be "vet ej" (sent as "0" or ""). */
const driver = z.preprocess((v) => (v === '' || v === '0' || v === 0 || v === undefined || v === null ? null : v), rating.nullable());

export const surveyFormSchema = z.object({
  overall: rating,
  expectations: rating,
  ideal: rating,
  ...Object.fromEntries(DRIVERS.map((d) => [d, driver])),
  comment: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(2000).optional()),
});

export function toAnswers(form: z.infer<typeof surveyFormSchema>): SurveyAnswers {
  const f = form as Record<string, unknown>;
  return {
    nki: Object.fromEntries(NKI_QUESTIONS.map((q) => [q, f[q] as number])) as SurveyAnswers['nki'],
    drivers: Object.fromEntries(DRIVERS.map((d) => [d, (f[d] as number | null) ?? null])) as SurveyAnswers['drivers'],
    comment: (f.comment as string | undefined) ?? null,
  };
}

const invite = (surveyId: number, r: { id: number; aad: string }, reminder = false): OutboxMessage => ({
  kind: 'survey.survey-invite',
  surveyId,
  target: userTarget(r.aad),
  payload: { respondentId: r.id, reminder },
});

export interface SurveyConfig {
  reminderDays: number;
  closeDays: number;
}

export function createSurveyService(deps: {
  db: Db;
  officers: OfficerDirectory;
  config: SurveyConfig;
  onEnqueued?: () => void;
  /** How released quarters are computed (k, the satisfied band, the pseudonym key); k = 5 and 8–10 when left out. */
  release?: ReleaseSettings;
  /** PROCUREMENT_OFFICERS: officers are never respondents (the officers' team is read from the database). */
  configuredOfficers?: readonly string[];
}) {
  const { db, officers } = deps;
  const releaser = createReleaser({ db, settings: deps.release ?? { min: 5, band: DEFAULT_SATISFIED_BAND }, configuredOfficers: deps.configuredOfficers });

  /** Creates the survey for a case inside the caller's transaction (idempotent per case). */
  async function startInTx(tx: Queryable, c: CaseRecord, startedBy: Person, extra: Person[] = []): Promise<number | null> {
    const surveyId = await insertCaseSurvey(
      tx,
      { caseId: c.id, title: c.title, category: c.category, submittedOn: c.submittedOn, contractStart: c.actualStart, startedBy: startedBy.aadId },
      deps.config,
    );
    if (surveyId === null) return null;
    const people: { aad: string | null; name: string; role: Respondent['role']; locale: string }[] = [
      { aad: c.submitter.aadId, name: c.submitter.name, role: 'submitter', locale: c.submitter.locale },
      // Reference-group members are named in free text on the case; without an Entra id they cannot be
      // reached in Teams, so they are listed for the officer instead.
      ...(c.need.referenceGroup ?? '')
        .split(/[\n;]+/)
        .map((s) => s.trim())
        .filter(Boolean)
        .map((name) => ({ aad: null, name: name.slice(0, 200), role: 'reference' as const, locale: 'sv' })),
      ...extra.map((p) => ({ aad: p.aadId.toLowerCase(), name: p.name, role: 'officer-added' as const, locale: 'sv' })),
    ];
    await invitePeople(tx, surveyId, startedBy.aadId, people);
    return surveyId;
  }

  /**
   * Adds the people and enqueues an invitation for each one reachable in Teams. Whoever sends the survey,
   * and every officer, is refused: they are not respondents (their answers would be known to the readers).
   */
  async function invitePeople(
    tx: Queryable,
    surveyId: number,
    sender: string,
    people: { aad: string | null; name: string; role: Respondent['role']; locale: string }[],
  ): Promise<{ invited: number; refused: number }> {
    const officersHere = await officersAmong(tx, [sender, ...people.flatMap((p) => (p.aad ? [p.aad] : []))], deps.configuredOfficers ?? []);
    const messages: OutboxMessage[] = [];
    let refused = 0;
    for (const p of people) {
      if (p.aad && (p.aad.toLowerCase() === sender.toLowerCase() || officersHere.has(p.aad.toLowerCase()))) {
        refused++;
        continue;
      }
      const id = await addRespondent(tx, surveyId, p);
      if (id !== null && p.aad) messages.push(invite(surveyId, { id, aad: p.aad }));
    }
    await enqueue(tx, messages);
    return { invited: messages.length, refused };
  }

  return {
    startInTx,

    /** An officer starts the survey for a case ("skicka enkät INK-2026-0042"). */
    async startForCase(c: CaseRecord, actor: Person, extra: Person[] = []): Promise<{ surveyId: number | null }> {
      if (!(await officers.isOfficer(actor.aadId))) throw new DomainError('forbidden');
      const surveyId = await db.transaction((tx) => startInTx(tx, c, actor, extra));
      deps.onEnqueued?.();
      return { surveyId };
    },

    /** Releases every quarter that is due (release-service.ts); the quarters released now. */
    releaseDue: () => releaser.releaseDue(),

    /** A survey for a procurement that is not a case here, to people an officer picked. */
    async startStandalone(title: string, category: string, actor: Person, people: Person[]): Promise<{ surveyId: number; invited: number; refused: number }> {
      if (!(await officers.isOfficer(actor.aadId))) throw new DomainError('forbidden');
      const result = await db.transaction(async (tx) => {
        const surveyId = await insertStandaloneSurvey(tx, { title, category, startedBy: actor.aadId }, deps.config);
        const { invited, refused } = await invitePeople(
          tx,
          surveyId,
          actor.aadId,
          people.map((p) => ({ aad: p.aadId.toLowerCase(), name: p.name, role: 'officer-added' as const, locale: 'sv' })),
        );
        return { surveyId, invited, refused };
      });
      deps.onEnqueued?.();
      return result;
    },

    get: (surveyId: number) => findSurvey(db, surveyId),
    respondent: (surveyId: number, aadObjectId: string) => findRespondent(db, { surveyId, aadObjectId }),
    respondentById: (id: number) => findRespondent(db, { id }),
    answersOf: (respondentId: number) => answersOf(db, respondentId),

    /** Stores or replaces a respondent's own answers while the survey is open. Nobody answers for someone else. */
    async submit(surveyId: number, actor: Person, answers: SurveyAnswers): Promise<{ changed: boolean }> {
      // An officer is never a respondent, even on a survey from before this rule.
      if (await officers.isOfficer(actor.aadId)) throw new DomainError('forbidden');
      return db.transaction(async (tx) => {
        const status = await lockSurveyStatus(tx, surveyId);
        if (!status) throw new DomainError('not-found', { caseNumber: String(surveyId) });
        if (status !== 'open') throw new DomainError('closed', { caseNumber: String(surveyId) });
        const respondent = await findRespondent(tx, { surveyId, aadObjectId: actor.aadId });
        if (!respondent) throw new DomainError('forbidden');
        return { changed: !(await upsertResponse(tx, surveyId, respondent.id, answers)) };
      });
    },

    /**
     * Scheduled work, safe to run on every instance: one reminder to those who have not answered once
     * remind_at has passed, and closing once close_at has passed. Rows are claimed with SKIP LOCKED.
     */
    async tick(): Promise<{ reminded: number; closed: number; released: string[] }> {
      const result = await db.transaction(async (tx) => {
        let reminded = 0;
        for (const id of await claimDueReminders(tx)) {
          const open = await unansweredRespondents(tx, id);
          await enqueue(tx, open.map((r) => invite(id, r, true)));
          await markReminded(tx, id);
          reminded += open.length;
        }
        return { reminded, closed: await closeDueSurveys(tx) };
      });
      if (result.reminded > 0) deps.onEnqueued?.();
      // A quarter is released on the schedule once it has ended and its last survey has closed.
      return { ...result, released: await releaser.releaseDue() };
    },

    /** Respondents who cannot be reached in Teams: only for the send confirmation to the officer who sent the survey, never a report. */
    unreachable: (surveyId: number) => unreachableNames(db, surveyId),
  };
}

export type SurveyService = ReturnType<typeof createSurveyService>;
