import { AdaptiveCardJson } from '../../src/cards/loader';
import { detailsCard, resultsCard } from '../../src/contracts/cards';
import { ContractView } from '../../src/contracts/model';
import { Locale } from '../../src/i18n';
import { DEFAULT_LEAD_TIMES } from '../../src/rules/data';
import { digestCard, planCard } from '../../src/plan/cards';
import { buildPlan, PlanContract, PlanDecision } from '../../src/plan/model';
import { CONTRACT_ROUTE_DEFAULTS } from '../../src/plan/route-defaults';

/**
 * The plan's cards with sample data for test/cards (rendered, validated, checked for verbs and for user
 * text that must not become a link), and contract cards showing a renewal status.
 */
const S = { today: '2026-11-21', horizonMonths: 18, noticeMonths: 3, implementationDays: 30, leadTimes: DEFAULT_LEAD_TIMES, contractRoutes: CONTRACT_ROUTE_DEFAULTS };

export function planSampleCards(locale: Locale, u: (s: string) => string, views: ContractView[]): { name: string; card: AdaptiveCardJson }[] {
  const contract = (contractId: string, over: Partial<PlanContract>): PlanContract => ({
    contractId,
    title: u('Infusionspumpar'),
    category: 'medicinteknik',
    categoryName: { sv: u('Medicinteknik'), en: u('Medical technology') },
    contractType: 'ramavtal',
    regions: ['Sörmland'],
    validFrom: '2023-01-01',
    validTo: '2027-06-30',
    maxExtensionTo: null,
    ...over,
  });
  const contracts = [
    contract('RS-1', { validTo: '2027-01-31', maxExtensionTo: '2027-07-31' }),
    contract('RS-2', { validTo: '2027-09-30', contractType: 'externt-ramavtal' }),
    contract('RS-3', { validTo: '2028-03-31', contractType: u('Eget avtal') }),
    contract('RS-4', { validTo: null }),
    contract('RS-5', { validTo: '2027-04-30', maxExtensionTo: '2028-04-30' }),
  ];
  const decisions: PlanDecision[] = [
    { id: 1, contractId: 'RS-3', kind: 'no-procurement', newEnd: null, reason: u('Verksamheten upphör'), caseNumber: null, decidedAt: '2026-11-02T10:00:00.000Z', actorName: u('Olle Officer') },
    { id: 2, contractId: 'RS-5', kind: 'extend', newEnd: '2027-10-31', reason: null, caseNumber: null, decidedAt: '2026-11-03T10:00:00.000Z', actorName: u('Olle Officer') },
  ];
  const cases = [
    { caseNumber: 'INK-2026-0007', title: u('Tolktjänster'), category: 'tjanster', categoryName: null, status: 'planerad', desiredStart: '2027-09-01', route: 'advertised-below', leadTime: null, linkedContractId: null },
    { caseNumber: 'INK-2026-0008', title: u('Nya pumpar'), category: 'medicinteknik', categoryName: null, status: 'upphandling-pagar', desiredStart: '2027-10-01', route: 'complex', leadTime: null, linkedContractId: 'RS-2' },
  ];
  const items = buildPlan(contracts, cases, decisions, S);
  const page = { offset: 0, horizonMonths: 18, today: S.today };
  const entries = [
    { contractId: 'RS-1', caseNumber: null, title: u('Infusionspumpar'), latestStart: '2026-10-30', decideBy: '2026-10-31', neededBy: '2027-07-31', reasons: ['start-overdue' as const, 'extension-overdue' as const] },
    { contractId: 'RS-2', caseNumber: 'INK-2026-0008', title: u('Pumpar'), latestStart: '2026-12-20', decideBy: '2026-12-31', neededBy: '2027-09-30', reasons: ['start-due' as const, 'extension-due' as const] },
  ];
  const withRenewal: ContractView[] = [
    { ...views[0], renewal: { kind: 'under-way', caseNumber: 'INK-2026-0008' } },
    { ...views[1], renewal: { kind: 'ending', end: '2027-06-30', final: true } },
    { ...views[2], renewal: { kind: 'ending', end: '2028-06-30', final: false } },
  ];
  return [
    { name: `plan/${locale}`, card: planCard(locale, items, { ...page, notice: u('Ärende INK-2026-0009 är skapat.') }) },
    { name: `plan-empty/${locale}`, card: planCard(locale, [], page) },
    // Every item marked "ska samordnas" with a reason and a long note, and the reason form open on one (the largest plan card).
    {
      name: `plan-coordination/${locale}`,
      card: planCard(
        locale,
        items.map((i) => ({ ...i, coordination: { marked: true, reason: 'annat' as const, note: u('Skäl '.repeat(60)), reasonAt: '2026-11-20T10:00:00Z' } })),
        { ...page, coordinationForm: { itemKey: 'contract:rs-1', reason: 'tidplan', note: u('Olika start'), error: u('Välj ett skäl.') } },
      ),
    },
    { name: `plan-digest/${locale}`, card: digestCard(locale, { week: '2026-W48', today: S.today, weeks: 8, entries }) },
    { name: `contract-results-renewal/${locale}`, card: resultsCard(locale, { total: 3, items: withRenewal }, { q: 'pump', offset: 0, pageSize: 5 }).content },
    { name: `contract-details-renewal/${locale}`, card: detailsCard(locale, withRenewal[0]).content },
  ];
}
