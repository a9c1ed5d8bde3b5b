import { MODULES } from '../../src/modules';
import { AdaptiveCardJson } from '../../src/cards/loader';
import { contractCardWithPreview, detailsCard, noHitsCard, resultsCard } from '../../src/contracts/cards';
import { importClosedCard, importPreviewCard, importResultCard } from '../../src/contracts/import-cards';
import { ImportReport } from '../../src/contracts/import-service';
import { ContractView, contractStatus } from '../../src/contracts/model';
import { helpCard, teamWelcomeCard, welcomeCard } from '../../src/help/cards';
import { LOCALES } from '../../src/i18n';
import { FIXTURE_CONTRACTS, FIXTURE_TODAY } from '../fixtures/contracts';
import { caseCard, caseListCard, confirmationCard, contractCheckCard, intakeFormCard, questionCard, usedContractCard } from '../../src/intake/cards';
import { buildIntakeReport, reportCard } from '../../src/intake/report';
import { calculatorCard, policyAnswerCard, ticketCard } from '../../src/policy/cards';
import { publishedListCard } from '../../src/policy/published-cards';
import { calculate } from '../../src/policy/calculator';
import { surveyCard, surveyStartCard, thanksCard } from '../../src/survey/cards';
import { unmetSearchesCard } from '../../src/contracts/unmet-cards';
import { categoryConfirmCard, categoryListCard } from '../../src/contracts/category-cards';
import { planSampleCards } from '../plan/samples';
import { controlSampleCards } from '../control/samples';
import { spendSampleCards } from '../spend/samples';
import { nkiReportCard } from '../../src/survey/report';
import { releaseQuarter } from '../../src/survey/release';
import { publishNki } from '../../src/survey/published';
import { assessNeed } from '../../src/rules/assess';
import { CaseRecord } from '../../src/intake/repository';
import { FORM, FORM_INPUT, OFFICER, SUBMITTER } from '../intake/fixtures';
import { FIXTURE_CATEGORIES } from '../fixtures/categories';
import { Category } from '../../src/core/categories';

/** The categories with one an import created from the organisation's own words (user text). */
const categories = (u: UserText): Category[] => [
  ...FIXTURE_CATEGORIES,
  { slug: 'fastighet-och-service', name: { sv: u('Fastighet och service'), en: u('Fastighet och service') }, aliases: [], sortOrder: 12 },
];

/** A dry run of a contract file: user text in the file name, rejected rows, notes, removals, categories. */
const importReport = (u: UserText, extra: Partial<ImportReport> = {}): ImportReport => ({
  dryRun: true, mode: 'update', format: 'csv', fileName: u('avtal.csv'), encoding: 'utf-8', delimiter: ';', sheet: null,
  rows: 14, valid: 12, added: 2, updated: 10, removed: 0, removals: [],
  rejected: Array.from({ length: 12 }, (_, i) => ({ line: i + 3, contractId: u(`RS-${i}`), problems: [{ field: 'title', message: u('title saknas.') }] })),
  notes: [{ line: 2, contractId: 'RS-1', field: 'regions', message: u('Regionen antogs.') }],
  newCategories: [{ slug: 'ny', name: u('Ny kategori'), rows: 1 }], warnings: [u('Okända kolumner ignorerades: x.')],
  refusal: null, importId: null, ...extra,
});
const removals = (u: UserText) => Array.from({ length: 12 }, (_, i) => ({ contractId: `RS-R-${i}`, title: u('Borttaget avtal') }));

/** Maps a string a person wrote to what the test wants there (itself, or link-shaped text). */
export type UserText = (s: string) => string;

const views = (u: UserText): ContractView[] =>
  FIXTURE_CONTRACTS.map((c) => ({
    ...c,
    title: u(c.title),
    description: u(c.description),
    suppliers: c.suppliers.map((s) => ({ ...s, name: u(s.name) })),
    contactName: c.contactName === null ? null : u(c.contactName),
    status: contractStatus(c, FIXTURE_TODAY),
    categoryName: { sv: 'Kategori', en: 'Category' },
  }));

const assessment = assessNeed({ totalValueSek: FORM.valueTotal, purchaseKind: 'supplies-services', complex: true, submittedOn: '2026-11-21', desiredStart: FORM.desiredStart });
const sampleCase = (u: UserText): CaseRecord => ({
  id: 1,
  caseNumber: 'INK-2026-0042',
  status: 'under-bedomning',
  title: u(FORM.title),
  category: FORM.category,
  categoryName: { sv: u('Fastighet och service'), en: u('Fastighet och service') },
  purchaseKind: FORM.purchaseKind,
  valueTotal: FORM.valueTotal,
  valuePerYear: FORM.valuePerYear,
  desiredStart: FORM.desiredStart,
  submittedOn: '2026-11-21',
  submittedAt: '2026-11-21T10:00:00.000Z',
  route: assessment.route,
  risk: assessment.risk,
  slackDays: assessment.slackDays,
  assessment,
  need: { ...FORM, title: u(FORM.title), need: u(FORM.need), unit: u(FORM.unit), costCentre: u(FORM.costCentre), referenceGroup: u(FORM.referenceGroup ?? ''), freeText: u('Fritext'), marketContacts: u('Kontakter'), currentContract: u('Nuvarande avtal') },
  contractCheck: { matches: ['RS-2023-0127'], choice: 'sent-anyway' },
  submitter: { ...SUBMITTER, name: u(SUBMITTER.name) },
  assignee: { ...OFFICER, name: u(OFFICER.name) },
  channelActivityId: null,
  pendingQuestion: u('Hur många?'),
  updatedAt: '2026-11-21T10:00:00.000Z',
  outcome: null,
  outcomeAt: null,
  contractId: null,
  actualStart: null,
  cancelCause: null,
  appeal: { appealed: false, outcome: null },
  coordination: { marked: true, reason: 'annat', note: u('Skäl'), reasonAt: '2026-11-22T10:00:00Z' },
  wentToProcurement: false,
  linkedContractId: null,
});
const sampleEvents = (u: UserText) => [
  { at: '2026-11-21T10:00:00.000Z', kind: 'created' as const, actor: { ...SUBMITTER, name: u(SUBMITTER.name) }, fromStatus: null, toStatus: 'inkommen' as const, comment: null },
  { at: '2026-11-22T10:00:00.000Z', kind: 'assigned' as const, actor: { ...OFFICER, name: u(OFFICER.name) }, fromStatus: 'inkommen' as const, toStatus: 'under-bedomning' as const, comment: null },
  { at: '2026-11-23T10:00:00.000Z', kind: 'question' as const, actor: OFFICER, fromStatus: null, toStatus: null, comment: u('Hur många?') },
  { at: '2026-11-24T10:00:00.000Z', kind: 'answer' as const, actor: SUBMITTER, fromStatus: null, toStatus: null, comment: u('Fjorton.') },
  { at: '2026-11-25T10:00:00.000Z', kind: 'status' as const, actor: OFFICER, fromStatus: 'under-bedomning' as const, toStatus: 'under-bedomning' as const, comment: u('Kommentar') },
];

/**
 * Every card template rendered through its builder, in both languages. `u` is applied to every string
 * that comes from a person (titles, needs, names, questions, answers, comments, contract texts), so a
 * test can put link-shaped text everywhere a user could.
 */
export function renderedCards(u: UserText = (s) => s): { name: string; card: AdaptiveCardJson }[] {
  const out: { name: string; card: AdaptiveCardJson }[] = [];
  const views_ = views(u);
  const sampleCase_ = sampleCase(u);
  const sampleEvents_ = sampleEvents(u);
  for (const locale of LOCALES) {
    const results = resultsCard(locale, { total: 12, items: views_.slice(0, 5) }, { q: u('handskar'), offset: 0, pageSize: 5 });
    const lastPage = resultsCard(locale, { total: 2, items: views_.slice(0, 2) }, { q: 'handskar', region: 'Sörmland', offset: 0, pageSize: 5 });
    out.push({ name: `contract-results/${locale}`, card: results.content as AdaptiveCardJson });
    out.push({ name: `contract-results-last/${locale}`, card: lastPage.content as AdaptiveCardJson });
    for (const v of views_) out.push({ name: `contract-details/${v.contractId}/${locale}`, card: detailsCard(locale, v).content as AdaptiveCardJson });
    out.push({ name: `contract-no-hits/${locale}`, card: noHitsCard(locale, u('xylofon'), 'inkop@example.org').content as AdaptiveCardJson });
    const full = importReport(u, { mode: 'full', removed: 12, removals: removals(u) });
    out.push({ name: `contract-import-preview/${locale}`, card: importPreviewCard(locale, { token: 'x'.repeat(32), fileName: u('avtal.csv'), update: importReport(u), full }) });
    out.push({
      name: `contract-import-forced/${locale}`,
      card: importPreviewCard(locale, { token: 'x'.repeat(32), fileName: 'avtal.csv', update: importReport(u), full: { ...full, refusal: { code: 'too-many-removals', message: 'För många.' } } }),
    });
    out.push({ name: `contract-import-result/${locale}`, card: importResultCard(locale, u('avtal.csv'), { ...full, dryRun: false }, true) });
    out.push({ name: `contract-import-cancelled/${locale}`, card: importClosedCard(locale, u('avtal.csv'), 'cancelled') });
    out.push({ name: `contract-card/${locale}`, card: contractCardWithPreview(locale, views_[0]).content as AdaptiveCardJson });
    out.push({ name: `unmet-searches/${locale}`, card: unmetSearchesCard(locale, [{ query: u('nitrilhandskar'), searches: 7, people: 4 }], 3).content as AdaptiveCardJson });
    out.push({ name: `unmet-searches-empty/${locale}`, card: unmetSearchesCard(locale, [], 3).content as AdaptiveCardJson });
    // Officers' categories: names an import took from a file (user text), far more than the card lists.
    const counts = [...categories(u), ...Array.from({ length: 60 }, (_, i) => ({ slug: `import-${i}-${'a'.repeat(40)}`, name: { sv: u(`Kategori ${i}`), en: u(`Kategori ${i}`) }, aliases: [], sortOrder: 20 + i }))].map((c, i) => ({ slug: c.slug, name: c.name, count: i, active: i % 3 }));
    out.push({ name: `category-list/${locale}`, card: categoryListCard(locale, counts) });
    out.push({ name: `category-list-empty/${locale}`, card: categoryListCard(locale, []) });
    const [from, into] = categories(u).slice(-2);
    out.push({ name: `category-merge/${locale}`, card: categoryConfirmCard(locale, { kind: 'merge', from, into, usage: { contracts: 12, current: 9 } }) });
    out.push({ name: `category-remove/${locale}`, card: categoryConfirmCard(locale, { kind: 'remove', from, usage: { contracts: 0, current: 0 } }) });
    out.push(...planSampleCards(locale, u, views_));
    out.push(...controlSampleCards(locale, u));
    out.push(...spendSampleCards(locale, u));
    out.push({ name: `welcome/${locale}`, card: welcomeCard(locale).content as AdaptiveCardJson });
    out.push({ name: `help/${locale}`, card: helpCard(locale, MODULES.flatMap((m) => m.commands)).content as AdaptiveCardJson });
    out.push({ name: `team-welcome/${locale}`, card: teamWelcomeCard(locale).content as AdaptiveCardJson });
    out.push({ name: `intake-form/${locale}`, card: intakeFormCard(locale, '00000000-0000-4000-8000-000000000001', categories(u)) });
    out.push({
      name: `intake-form-errors/${locale}`,
      card: intakeFormCard(locale, '00000000-0000-4000-8000-000000000001', categories(u), Object.fromEntries(Object.entries(FORM_INPUT).map(([k, v]) => [k, u(v)])), { title: 'required', valueTotal: 'totalBelowYear' }),
    });
    out.push({ name: `intake-contract-check/${locale}`, card: contractCheckCard(locale, views_.slice(0, 2), '{"x":1}') });
    out.push({ name: `intake-confirmation/${locale}`, card: confirmationCard(locale, sampleCase_) });
    out.push({ name: `intake-used/${locale}`, card: usedContractCard(locale, { ...sampleCase_, contractCheck: { matches: [], choice: 'use-contract', contractId: 'RS-1' } }, views_[0]) });
    out.push({ name: `case-card/${locale}`, card: caseCard(locale, sampleCase_, sampleEvents_, [OFFICER.aadId]) });
    out.push({ name: `case-card-closed/${locale}`, card: caseCard(locale, { ...sampleCase_, status: 'avslutad', pendingQuestion: null }, sampleEvents_, []) });
    const procured = { ...sampleCase_, status: 'avtal-tecknat' as const, outcome: 'upphandlad' as const, contractId: 'RS-2027-0012', actualStart: '2027-10-01', appeal: { appealed: true, outcome: 'avslogs' as const, cause: 'utvardering' as const, causeNote: u('Orsak') } };
    const problem = { message: u('Avtalsnumret kan bara innehålla bokstäver'), values: { contractTyped: u('RS 2027'), outcomeComment: u('Kommentar') } };
    out.push({ name: `case-card-procured/${locale}`, card: caseCard(locale, procured, sampleEvents_, [OFFICER.aadId], problem) });
    const underWay = { ...sampleCase_, status: 'upphandling-pagar' as const, wentToProcurement: true };
    out.push({ name: `case-card-outcome-form/${locale}`, card: caseCard(locale, underWay, sampleEvents_, [OFFICER.aadId], { ...problem, values: { outcome: 'avbruten', cause: 'inga-anbud', actualStart: '2027-10-01' } }) });
    out.push({ name: `case-question/${locale}`, card: questionCard(locale, sampleCase_, u('Hur många?'), u(OFFICER.name)).content as AdaptiveCardJson });
    out.push({ name: `case-list/${locale}`, card: caseListCard(locale, [sampleCase_], { officerView: true, undelivered: [u('x')], viewerAadId: SUBMITTER.aadId }) });
    out.push({ name: `case-list-empty/${locale}`, card: caseListCard(locale, [], { officerView: false, undelivered: [], viewerAadId: SUBMITTER.aadId }) });
    out.push({ name: `intake-report/${locale}`, card: reportCard(locale, 2026, buildIntakeReport([{ ...sampleCase_, category: 'fastighet-och-service' }]), categories(u)) });
    out.push({ name: `intake-report-empty/${locale}`, card: reportCard(locale, 2026, buildIntakeReport([]), categories(u)) });
    const passage = { docPath: 'knowledge/lou.md', docTitle: 'LOU', sourceDocument: 'Lag (2016:1145)', documentNumber: 'SFS 2016:1145', validFrom: '2017-01-01', url: 'https://example.org/lou', section: 'Direktupphandling', body: 'x', excerpt: 'Gränsen är 700 000 kr.', rank: 1, coverage: 1 };
    out.push({ name: `policy-answer/${locale}`, card: policyAnswerCard(locale, { question: u('Vad är gränsen?'), passages: [passage, { ...passage, url: '' }], reliable: true }).content as AdaptiveCardJson });
    out.push({ name: `policy-no-answer/${locale}`, card: policyAnswerCard(locale, { question: u('Glass?'), passages: [], reliable: false }).content as AdaptiveCardJson });
    const calc = calculate('Får jag köpa konsulttjänster för 400 000 kr?', '2026-11-21');
    if (calc) out.push({ name: `policy-calculator/${locale}`, card: calculatorCard(locale, calc, u('Får jag köpa konsulttjänster för 400 000 kr?')).content as AdaptiveCardJson });
    out.push({ name: `survey/${locale}`, card: surveyCard(locale, { surveyId: 7, title: u('Blodtrycksmätare'), closeAt: '2026-12-05T00:00:00Z' }) });
    out.push({ name: `survey-errors/${locale}`, card: surveyCard(locale, { surveyId: 7, title: 'X', closeAt: '2026-12-05', reminder: true, values: { overall: '8', needs: '0' }, errors: { ideal: true } }) });
    const given = { nki: { overall: 8, expectations: 7, ideal: 6 }, drivers: { needs: 9, timeline: null, communication: 5, referenceGroup: 7, result: 8, treatment: 9 }, comment: u('Bra!') };
    out.push({ name: `survey-start/${locale}`, card: surveyStartCard(locale, categories(u)) });
    out.push({ name: `survey-thanks/${locale}`, card: thanksCard(locale, 7, given, '2026-12-05', true) });
    out.push({ name: `survey-thanks-closed/${locale}`, card: thanksCard(locale, 7, { ...given, comment: null }, '2026-12-05', false) });
    const people = [5, 7, 8, 9].map((overall) => ({ answers: [{ ...given, nki: { overall, expectations: overall - 1, ideal: overall - 2 } }], cells: ['category:tjanster'] }));
    const snapshot = releaseQuarter({ quarter: '2026-K3', people, invited: { total: 5, 'category:tjanster': 5 }, min: 3, band: { from: 8, to: 10 } });
    const released = publishNki([snapshot], [{ id: 7, quarter: '2026-K3', text: u('Bra!') }]);
    const pending = [{ quarter: '2026-K4', surveys: 2 }];
    out.push({ name: `nki-report/${locale}`, card: nkiReportCard(locale, '2026', { published: released, scope: { year: 2026 }, pending }, { minResponses: 3, satisfiedFrom: 8 }) });
    out.push({ name: `nki-report-too-few/${locale}`, card: nkiReportCard(locale, '2026', { published: publishNki([]), scope: { year: 2026 }, pending }, { minResponses: 3, satisfiedFrom: 8 }) });
    const ticket = { id: 1, ticketNumber: 'FR-2026-0001', status: 'open' as const, question: u('Vad gäller?'), asker: { ...SUBMITTER, name: u(SUBMITTER.name) }, answer: null, answeredBy: null, kbSuggestion: false, channelActivityId: null, createdAt: '2026-11-21' };
    out.push({ name: `ticket-open/${locale}`, card: ticketCard(locale, ticket).content as AdaptiveCardJson });
    out.push({ name: `ticket-answered/${locale}`, card: ticketCard(locale, { ...ticket, status: 'answered', answer: u('Så här.'), answeredBy: { ...OFFICER, name: u(OFFICER.name) }, kbSuggestion: true }).content as AdaptiveCardJson });
    const answered = { ...ticket, status: 'answered' as const, answer: u('Så här.'), answeredBy: { ...OFFICER, name: u(OFFICER.name) }, kbSuggestion: true };
    const entry = { id: 3, entryNumber: 'KB-3', ticketId: 1, ticketNumber: 'FR-2026-0001', question: u('Vad gäller?'), answer: u('Så här.'), language: 'sv' as const, publishedBy: { ...OFFICER, name: u(OFFICER.name) }, publishedAt: '2026-11-21T09:00:00.000Z', withdrawnAt: null };
    out.push({ name: `ticket-published/${locale}`, card: ticketCard(locale, answered, entry).content as AdaptiveCardJson });
    out.push({ name: `published-list/${locale}`, card: publishedListCard(locale, [entry, { ...entry, id: 2, entryNumber: 'KB-2', publishedBy: null }], u('KB-4 är tillbakadragen.')).content as AdaptiveCardJson });
    out.push({ name: `published-list-empty/${locale}`, card: publishedListCard(locale, []).content as AdaptiveCardJson });
    const published = { docPath: 'inkop-answer/KB-3', docTitle: 'Svar från Inköp', sourceDocument: 'Svar från Inköp', documentNumber: 'KB-3', validFrom: '2026-11-21', url: '', section: u('Vad gäller?'), body: u('Så här.'), excerpt: u('Så här.'), rank: 1, coverage: 1 };
    out.push({ name: `policy-answer-published/${locale}`, card: policyAnswerCard(locale, { question: u('Vad gäller?'), passages: [published], reliable: true }).content as AdaptiveCardJson });
  }
  return out;
}
