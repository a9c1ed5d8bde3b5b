import { addDays, isRealDate } from '../core/dates';
import { Locale, t } from '../i18n';
import { formatDate } from '../i18n/format';
import { IntakeService, routeLabel } from '../intake/api';
import { thresholdsOn } from '../rules/assess';
import { PurchaseKind, Route } from '../rules/data';
import { matchKind } from '../rules/purchase-kinds';
import { PlanContract, PlanItem } from './model';

/** The intake form's shape, as the intake service takes it. */
export type NeedForm = Parameters<IntakeService['submit']>[0]['form'];

/** Categories whose long route comes from a requirement the intake form asks for (intake's isComplex). */
const COMPLEX_REQUIREMENT: Record<string, NeedForm['specialRequirements'][number]> = { medicinteknik: 'mdr', 'it-telekom': 'informationssakerhet' };

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * The catalogue holds no contract values, so the case gets a planning value that gives the intake's
 * assessment the plan's route for the contract: the EU threshold (open procedure, complex), the direct
 * procurement limit (advertised below the threshold), else 0. The need's text says it is an assumption.
 */
function planningValue(route: Route, kind: PurchaseKind, today: string): number {
  try {
    const th = thresholdsOn(today, kind);
    if (route === 'open-above' || route === 'complex') return th.euThreshold.sek;
    if (route === 'advertised-below') return th.directLimit.sek;
  } catch {
    // No thresholds recorded for today: the value stays unknown.
  }
  return 0;
}

/**
 * What "Starta ärende" tells the intake of the plan's route, so the case's assessment agrees with the plan:
 * the planning value alone would make a call-off a direct procurement, and a category made complex by
 * PLAN_CONTRACT_ROUTES an open procedure.
 */
export function routeHint(route: Route | null): 'call-off' | 'complex' | undefined {
  return route === 'call-off' || route === 'complex' ? route : undefined;
}

/**
 * The re-procurement need "Starta ärende" files for a contract in the plan, prefilled from the contract:
 * category, regions, the current contract and its end, trigger "avtal-loper-ut", a desired start the day
 * after the final end. The submitting officer is the case's submitter; unit and cost centre say Inköp.
 */
export function reprocurementForm(item: PlanItem, c: PlanContract, today: string, locale: Locale): NeedForm {
  const kind = (matchKind(`${c.title} ${c.categoryName?.sv ?? ''}`)?.entry.kind ?? 'supplies-services') as PurchaseKind;
  const route = item.route ?? 'open-above';
  const total = planningValue(route, kind, today);
  const from = c.validFrom && isRealDate(c.validFrom) ? c.validFrom : today;
  const years = Math.max(1, Math.round((Date.parse(item.finalEnd ?? today) - Date.parse(from)) / (365.25 * 86_400_000)));
  const desired = item.finalEnd ? addDays(item.finalEnd, 1) : addDays(today, item.leadTime?.maxDays ?? 274);
  const requirement = route === 'complex' ? COMPLEX_REQUIREMENT[c.category] : undefined;
  const fmt = (d: string | null) => (d ? formatDate(locale, d) : t(locale, 'plan.noDate'));
  return {
    title: cut(t(locale, 'plan.start.title', { title: c.title }), 120),
    need: cut(
      [
        t(locale, 'plan.start.need', { contractId: c.contractId, title: c.title, end: fmt(item.currentEnd), finalEnd: fmt(item.finalEnd) }),
        t(locale, 'plan.start.valueNote', { route: routeLabel(locale, route) }),
      ].join('\n\n'),
      4000,
    ),
    category: c.category,
    purchaseKind: kind,
    valuePerYear: Math.round(total / years),
    valueTotal: total,
    recurrence: 'aterkommande',
    desiredStart: desired < today ? today : desired,
    unit: t(locale, 'plan.start.unit'),
    costCentre: t(locale, 'plan.start.costCentre'),
    regions: [...c.regions] as NeedForm['regions'],
    currentContract: cut(`${c.contractId} ${c.title}`, 200),
    currentEnd: item.currentEnd ?? undefined,
    trigger: 'avtal-loper-ut',
    budgetDecided: 'nej',
    specialRequirements: requirement ? [requirement] : [],
    sustainability: 'ingen',
  } as NeedForm;
}
