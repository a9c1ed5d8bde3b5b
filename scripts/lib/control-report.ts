/**
 * A sample year for the internal-control report (the README's screenshot and the print test), and
 * Debian's Chromium to look at the page: never a downloaded browser.
 */
import { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { Person } from '../../src/core/person';
import { IntakeService } from '../../src/intake/api';
import { NeedForm } from '../../src/intake/model';
import { SurveyService } from '../../src/survey/api';

export { CHROMIUM } from './chromium';
export const SAMPLE_YEAR = 2026;
/** The day the sample is laid out against (the sample data's reference day). */
export const SAMPLE_TODAY = '2026-11-21';
export const SAMPLE_OFFICER: Person = { aadId: 'aaaaaaaa-0000-0000-0000-0000000c0f01', name: 'Olle Officer' };
const SUBMITTER = { aadId: '11111111-2222-3333-4444-0000000c0f02', name: 'Karin Sjuksköterska', locale: 'sv' };

const FORM: NeedForm = {
  title: 'Behov',
  need: 'Ett behov i exemplet för internkontrollens årsrapport.',
  category: 'tjanster',
  purchaseKind: 'supplies-services',
  valuePerYear: 400_000,
  valueTotal: 1_600_000,
  recurrence: 'aterkommande',
  desiredStart: '2026-06-01',
  unit: 'Regionservice',
  costCentre: '4711',
  regions: ['Sörmland', 'Västmanland'],
  trigger: 'avtal-loper-ut',
  budgetDecided: 'ja',
  specialRequirements: [],
  sustainability: 'ingen',
};

type End =
  | { outcome: 'upphandlad'; actualStart?: string; appeal?: 'pagar' | 'avslogs' | 'rattelse' }
  | { outcome: 'avbruten'; cause: 'inga-anbud' | 'inga-godtagbara-anbud' | 'over-budget'; appeal?: 'avslogs' }
  | { outcome: 'befintligt-avtal' }
  | { outcome: 'avbojd' }
  | { outcome: 'procuring' };

interface SampleCase {
  title: string;
  on: string;
  desired: string;
  category: string;
  check?: 'use-contract' | 'sent-anyway';
  end: End;
}

/** The sample: the report's year with both halves of resource planning, and some of the year before. */
export const SAMPLE_CASES: SampleCase[] = [
  { title: 'Infusionspumpar', on: '2025-02-10', desired: '2025-09-01', category: 'medicinteknik', end: { outcome: 'upphandlad', actualStart: '2025-10-15' } },
  { title: 'Nätverksutrustning', on: '2025-04-02', desired: '2025-12-01', category: 'it-telekom', end: { outcome: 'upphandlad', actualStart: '2025-11-20' } },
  { title: 'Tolktjänster', on: '2025-06-15', desired: '2026-01-01', category: 'tjanster', end: { outcome: 'upphandlad', actualStart: '2026-02-01' } },
  { title: 'Vacciner', on: '2025-09-01', desired: '2026-03-01', category: 'lakemedel', end: { outcome: 'upphandlad', actualStart: '2026-03-01' } },
  { title: 'Journalintegration', on: '2026-01-12', desired: '2026-04-01', category: 'it-telekom', end: { outcome: 'upphandlad', actualStart: '2026-06-15', appeal: 'avslogs' } },
  { title: 'Ultraljud', on: '2026-01-20', desired: '2026-09-01', category: 'medicinteknik', end: { outcome: 'upphandlad', actualStart: '2026-09-15' } },
  { title: 'Städtjänster', on: '2026-02-03', desired: '2026-05-01', category: 'tjanster', end: { outcome: 'upphandlad', actualStart: '2026-05-01' } },
  { title: 'Ombyggnad av entré', on: '2026-02-17', desired: '2027-01-01', category: 'fastighet-bygg', end: { outcome: 'avbruten', cause: 'inga-godtagbara-anbud' } },
  { title: 'Verksamhetskonsulter', on: '2026-03-05', desired: '2026-10-01', category: 'konsulttjanster', end: { outcome: 'upphandlad', actualStart: '2026-09-21' } },
  { title: 'Sårvårdsmaterial', on: '2026-03-20', desired: '2026-11-01', category: 'vard-omsorgsmaterial', end: { outcome: 'upphandlad' } },
  { title: 'Liggande sjuktransporter', on: '2026-04-08', desired: '2026-08-01', category: 'transporter-fordon', end: { outcome: 'avbruten', cause: 'over-budget', appeal: 'avslogs' } },
  { title: 'Laboratorieanalyser', on: '2026-04-22', desired: '2027-03-01', category: 'laboratorium', end: { outcome: 'procuring' } },
  { title: 'Kontorsstolar', on: '2026-05-11', desired: '2026-07-01', category: 'kontor-allmant', check: 'use-contract', end: { outcome: 'befintligt-avtal' } },
  { title: 'Hemtjänstlarm', on: '2026-06-01', desired: '2026-11-01', category: 'tjanster', check: 'sent-anyway', end: { outcome: 'upphandlad', actualStart: '2026-11-16', appeal: 'pagar' } },
  { title: 'Surfplattor', on: '2026-08-19', desired: '2027-02-01', category: 'it-telekom', check: 'sent-anyway', end: { outcome: 'procuring' } },
  { title: 'Frukt till personalrum', on: '2026-09-30', desired: '2026-12-15', category: 'livsmedel', end: { outcome: 'avbojd' } },
];

/** Walks one sample case from its submission to its end, as an officer would. */
async function walk(intake: IntakeService, s: SampleCase, key: string): Promise<void> {
  const officer = SAMPLE_OFFICER;
  const contractCheck = s.check ? { matches: ['RS-2024-0001'], choice: s.check, ...(s.check === 'use-contract' ? { contractId: 'RS-2024-0001' } : {}) } : { matches: [], choice: 'none' as const };
  const { case: c } = await intake.submit({ form: { ...FORM, title: s.title, category: s.category, desiredStart: s.desired }, idempotencyKey: key, submitter: SUBMITTER, contractCheck, submittedOn: s.on });
  const end = s.end;
  if (end.outcome === 'befintligt-avtal' || end.outcome === 'avbojd') {
    if (c.status === 'inkommen') await intake.recordOutcome(c.caseNumber, officer, { outcome: end.outcome }, SAMPLE_TODAY);
    return;
  }
  for (const to of ['under-bedomning', 'planerad', 'upphandling-pagar'] as const) await intake.transition(c.caseNumber, to, officer, null);
  if (end.outcome === 'procuring') return;
  if (end.outcome === 'avbruten') await intake.recordOutcome(c.caseNumber, officer, { outcome: 'avbruten', cause: end.cause }, SAMPLE_TODAY);
  else await intake.recordOutcome(c.caseNumber, officer, { outcome: 'upphandlad', contractId: `RS-${s.on.slice(0, 4)}-9${key.slice(-3)}`, actualStart: end.actualStart }, SAMPLE_TODAY);
  if (end.appeal) await intake.setAppeal(c.caseNumber, officer, { appealed: true, appealOutcome: end.appeal });
}

/** Submits and walks the sample cases (the officer must be one: PROCUREMENT_OFFICERS). */
export async function seedControlSample(intake: IntakeService, prefix = 'control-sample'): Promise<number> {
  let n = 0;
  for (const s of SAMPLE_CASES) await walk(intake, s, `${prefix}-${String(++n).padStart(3, '0')}`);
  return n;
}

/**
 * The submitter answers the NKI survey of each procured sample case (surveys are sent today, so they
 * count in today's year), for an NKI the report may publish.
 */
export async function answerSampleSurveys(intake: IntakeService, surveys: SurveyService): Promise<number> {
  const procured = (await intake.allCases()).filter((c) => c.outcome === 'upphandlad');
  let answered = 0;
  for (const [i, c] of procured.entries()) {
    const { surveyId } = await surveys.startForCase(c, SAMPLE_OFFICER);
    if (surveyId === null) continue;
    const score = 6 + (i % 4);
    await surveys.submit(surveyId, SUBMITTER, {
      nki: { overall: score, expectations: score - 1, ideal: score - 2 },
      drivers: { needs: score, timeline: score - 2, communication: score - 1, referenceGroup: null, result: score, treatment: 9 },
      comment: null,
    });
    answered++;
  }
  return answered;
}

export interface ReportBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile (its user data dir); the page sends the reports key and the language. */
export async function openReportBrowser(opts: { key: string; locale?: 'sv' | 'en'; width?: number; height?: number }): Promise<ReportBrowser> {
  const { context, close } = await launchChromium({
    viewport: { width: opts.width ?? 900, height: opts.height ?? 1200 },
    locale: opts.locale === 'en' ? 'en-GB' : 'sv-SE',
    profilePrefix: 'inkop-report-chromium-',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  await page.setExtraHTTPHeaders({ Authorization: `Bearer ${opts.key}`, 'Accept-Language': opts.locale === 'en' ? 'en-GB' : 'sv-SE' });
  return {
    context,
    page,
    close,
  };
}
