import { z } from 'zod';
import { Db, Queryable } from '../db';
import { OfficerDirectory } from '../core/officer-repository';
import { CaseRecord } from '../intake/api';
import { OutboxMessage, enqueue } from '../outbox/repository';
import { DRIVERS, NKI_QUESTIONS, SurveyAnswers } from './nki';
import { numberInput } from '../util/input';
import { Person } from '../core/person';
import { DomainError } from '../core/errors';
import { userTarget } from '../core/targets';

/**
 * The NKI survey after a procurement: started when a case reaches the configured status (or by an
 * officer), invitations and one reminder through the outbox, and closing, all scheduled in the
 * database so several instances can share the work (claims use FOR UPDATE SKIP LOCKED).
 */
export interface SurveyRecord {
  id: number;
  caseId: number | null;
  title: string;
  category: string;
  status: 'open' | 'closed';
  closeAt: string;
}

export interface Respondent {
  id: number;
  surveyId: number;
  aadObjectId: string | null;
  name: string;
  role: 'submitter' | 'reference' | 'officer-added';
  locale: string;
  reachable: boolean;
}

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

export function createSurveyService(deps: { db: Db; officers: OfficerDirectory; config: SurveyConfig; onEnqueued?: () => void }) {
  const { db, officers } = deps;

  /** Creates the survey for a case inside the caller's transaction (idempotent per case). */
  async function startInTx(tx: Queryable, c: CaseRecord, startedBy: Person, extra: Person[] = []): Promise<number | null> {
    const [created] = await tx.query<{ id: string }>(
      `INSERT INTO surveys (case_id, procurement_title, category, submitted_on, contract_start, remind_at, close_at, started_by_aad_id)
       VALUES ($1, $2, $3, $4, $5, now() + ($6::int * interval '1 day'), now() + ($7::int * interval '1 day'), $8)
       ON CONFLICT (case_id) DO NOTHING RETURNING id`,
      [c.id, c.title, c.category, c.submittedOn, c.desiredStart, deps.config.reminderDays, deps.config.closeDays, startedBy.aadId],
    );
    if (!created) return null;
    const surveyId = Number(created.id);
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
    const messages: OutboxMessage[] = [];
    for (const p of people) {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO survey_respondents (survey_id, aad_object_id, name, role, locale, reachable) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (survey_id, aad_object_id) DO NOTHING RETURNING id`,
        [surveyId, p.aad, p.name, p.role, p.locale, p.aad !== null],
      );
      if (row && p.aad) messages.push(invite(surveyId, { id: Number(row.id), aad: p.aad }));
    }
    await enqueue(tx, messages);
    return surveyId;
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

    /** A survey for a procurement that is not a case here, to people an officer picked. */
    async startStandalone(title: string, category: string, actor: Person, people: Person[]): Promise<{ surveyId: number; invited: number }> {
      if (!(await officers.isOfficer(actor.aadId))) throw new DomainError('forbidden');
      const result = await db.transaction(async (tx) => {
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO surveys (case_id, procurement_title, category, remind_at, close_at, started_by_aad_id)
           VALUES (NULL, $1, $2, now() + ($3::int * interval '1 day'), now() + ($4::int * interval '1 day'), $5) RETURNING id`,
          [title, category, deps.config.reminderDays, deps.config.closeDays, actor.aadId],
        );
        const surveyId = Number(row.id);
        const messages: OutboxMessage[] = [];
        for (const p of people) {
          const [r] = await tx.query<{ id: string }>(
            `INSERT INTO survey_respondents (survey_id, aad_object_id, name, role) VALUES ($1, $2, $3, 'officer-added')
             ON CONFLICT (survey_id, aad_object_id) DO NOTHING RETURNING id`,
            [surveyId, p.aadId.toLowerCase(), p.name],
          );
          if (r) messages.push(invite(surveyId, { id: Number(r.id), aad: p.aadId.toLowerCase() }));
        }
        await enqueue(tx, messages);
        return { surveyId, invited: messages.length };
      });
      deps.onEnqueued?.();
      return result;
    },

    async get(surveyId: number): Promise<SurveyRecord | null> {
      const rows = await db.query<{ id: string; case_id: string | null; procurement_title: string; category: string; status: 'open' | 'closed'; close_at: string }>(
        'SELECT id, case_id, procurement_title, category, status, close_at FROM surveys WHERE id = $1',
        [surveyId],
      );
      const r = rows[0];
      return r ? { id: Number(r.id), caseId: r.case_id ? Number(r.case_id) : null, title: r.procurement_title, category: r.category, status: r.status, closeAt: r.close_at } : null;
    },

    async respondent(surveyId: number, aadObjectId: string): Promise<Respondent | null> {
      const rows = await db.query<{ id: string; survey_id: string; aad_object_id: string | null; name: string; role: Respondent['role']; locale: string; reachable: boolean }>(
        'SELECT id, survey_id, aad_object_id, name, role, locale, reachable FROM survey_respondents WHERE survey_id = $1 AND aad_object_id = $2',
        [surveyId, aadObjectId.toLowerCase()],
      );
      const r = rows[0];
      return r ? { id: Number(r.id), surveyId: Number(r.survey_id), aadObjectId: r.aad_object_id, name: r.name, role: r.role, locale: r.locale, reachable: r.reachable } : null;
    },

    async respondentById(id: number): Promise<Respondent | null> {
      const rows = await db.query<{ id: string; survey_id: string; aad_object_id: string | null; name: string; role: Respondent['role']; locale: string; reachable: boolean }>(
        'SELECT id, survey_id, aad_object_id, name, role, locale, reachable FROM survey_respondents WHERE id = $1',
        [id],
      );
      const r = rows[0];
      return r ? { id: Number(r.id), surveyId: Number(r.survey_id), aadObjectId: r.aad_object_id, name: r.name, role: r.role, locale: r.locale, reachable: r.reachable } : null;
    },

    async answersOf(respondentId: number): Promise<SurveyAnswers | null> {
      const rows = await db.query<{ answers: SurveyAnswers }>('SELECT answers FROM survey_responses WHERE respondent_id = $1', [respondentId]);
      return rows[0]?.answers ?? null;
    },

    /** Stores or replaces a respondent's own answers while the survey is open. Nobody answers for someone else. */
    async submit(surveyId: number, actor: Person, answers: SurveyAnswers): Promise<{ changed: boolean }> {
      return db.transaction(async (tx) => {
        const [s] = await tx.query<{ status: string }>('SELECT status FROM surveys WHERE id = $1 FOR UPDATE', [surveyId]);
        if (!s) throw new DomainError('not-found', { caseNumber: String(surveyId) });
        if (s.status !== 'open') throw new DomainError('closed', { caseNumber: String(surveyId) });
        const [r] = await tx.query<{ id: string }>('SELECT id FROM survey_respondents WHERE survey_id = $1 AND aad_object_id = $2', [surveyId, actor.aadId.toLowerCase()]);
        if (!r) throw new DomainError('forbidden');
        const rows = await tx.query<{ inserted: boolean }>(
          `INSERT INTO survey_responses (survey_id, respondent_id, answers) VALUES ($1, $2, $3::jsonb)
           ON CONFLICT (respondent_id) DO UPDATE SET answers = EXCLUDED.answers, updated_at = now()
           RETURNING (xmax = 0) AS inserted`,
          [surveyId, r.id, JSON.stringify(answers)],
        );
        return { changed: !rows[0]?.inserted };
      });
    },

    /**
     * Scheduled work, safe to run on every instance: one reminder to those who have not answered once
     * remind_at has passed, and closing once close_at has passed. Rows are claimed with SKIP LOCKED.
     */
    async tick(): Promise<{ reminded: number; closed: number }> {
      let reminded = 0;
      let closed = 0;
      await db.transaction(async (tx) => {
        const due = await tx.query<{ id: string }>(
          `SELECT id FROM surveys WHERE status = 'open' AND reminded_at IS NULL AND remind_at <= now() AND close_at > now()
           ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED`,
        );
        for (const { id } of due) {
          const open = await tx.query<{ id: string; aad_object_id: string }>(
            `SELECT r.id, r.aad_object_id FROM survey_respondents r
             WHERE r.survey_id = $1 AND r.reachable AND r.aad_object_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM survey_responses x WHERE x.respondent_id = r.id)`,
            [id],
          );
          await enqueue(tx, open.map((r) => invite(Number(id), { id: Number(r.id), aad: r.aad_object_id }, true)));
          await tx.query('UPDATE surveys SET reminded_at = now() WHERE id = $1', [id]);
          reminded += open.length;
        }
        const closing = await tx.query<{ id: string }>(
          `UPDATE surveys SET status = 'closed', closed_at = now()
           WHERE id IN (SELECT id FROM surveys WHERE status = 'open' AND close_at <= now() ORDER BY id LIMIT 200 FOR UPDATE SKIP LOCKED)
           RETURNING id`,
        );
        closed = closing.length;
      });
      if (reminded > 0) deps.onEnqueued?.();
      return { reminded, closed };
    },

    /** Respondents who cannot be reached in Teams (for the officer). */
    async unreachable(surveyId: number): Promise<string[]> {
      const rows = await db.query<{ name: string }>('SELECT name FROM survey_respondents WHERE survey_id = $1 AND NOT reachable ORDER BY id', [surveyId]);
      return rows.map((r) => r.name);
    },
  };
}

export type SurveyService = ReturnType<typeof createSurveyService>;
