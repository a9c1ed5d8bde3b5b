import { DEFAULT_LEAD_TIMES, LeadTime, ROUTES, Route } from '../rules/data';

/**
 * The likely route of a contract's re-procurement when no case says otherwise (a case has its own value
 * and assessment). The catalogue holds no contract values, so the route comes from the contract type, with
 * categories whose procurements are long by nature overriding it. Planning defaults, not law; override them
 * with PLAN_CONTRACT_ROUTES. Lead times are the rules' (src/rules/data.ts, LEAD_TIMES).
 *
 * - externt-ramavtal (Adda, Kammarkollegiet, Varuförsörjningen): the central body procures; the regions
 *   call off or join the next agreement: call-off, 1–3 months, whatever the category.
 * - ramavtal (the regions' own framework): a joint framework for two regions is normally above the EU
 *   threshold: open procedure, 6–9 months.
 * - avtal (a single contract): advertised below the EU threshold, 4–6 months.
 * - medicinteknik and it-telekom (MDR, information security, integrations): complex, 9–18 months, unless
 *   the contract is an external framework.
 * - a type the product does not know: open procedure (the longer, safer assumption).
 */
export interface ContractRouteDefaults {
  types: Record<string, Route>;
  categories: Record<string, Route>;
  fallback: Route;
}

export const CONTRACT_ROUTE_DEFAULTS: ContractRouteDefaults = {
  types: { 'externt-ramavtal': 'call-off', ramavtal: 'open-above', avtal: 'advertised-below' },
  categories: { medicinteknik: 'complex', 'it-telekom': 'complex' },
  fallback: 'open-above',
};

/** The defaults with PLAN_CONTRACT_ROUTES laid over them. */
export function contractRoutes(overrides?: { types?: Record<string, Route>; categories?: Record<string, Route> }): ContractRouteDefaults {
  return {
    types: { ...CONTRACT_ROUTE_DEFAULTS.types, ...overrides?.types },
    categories: { ...CONTRACT_ROUTE_DEFAULTS.categories, ...overrides?.categories },
    fallback: CONTRACT_ROUTE_DEFAULTS.fallback,
  };
}

/** The route for a contract's re-procurement: an external framework's by type; else the category's, the type's, the fallback. */
export function contractRoute(c: { contractType: string; category: string }, defaults: ContractRouteDefaults): { route: Route; source: 'type' | 'category' | 'fallback' } {
  const type = c.contractType.trim().toLowerCase();
  const byType = defaults.types[type];
  if (byType === 'call-off' || byType === 'existing-contract') return { route: byType, source: 'type' };
  const byCategory = defaults.categories[c.category];
  if (byCategory) return { route: byCategory, source: 'category' };
  return byType ? { route: byType, source: 'type' } : { route: defaults.fallback, source: 'fallback' };
}

export const isRoute = (v: unknown): v is Route => typeof v === 'string' && (ROUTES as readonly string[]).includes(v);

/** A lead time that can be used: whole days, max at least min. */
export const isLeadTime = (v: unknown): v is LeadTime => {
  const l = v as LeadTime | null;
  return !!l && Number.isInteger(l.minDays) && Number.isInteger(l.maxDays) && l.minDays >= 0 && l.maxDays >= l.minDays;
};

/** The rules' lead times with LEAD_TIMES laid over them. */
export const leadTimesWith = (overrides?: Partial<Record<Route, LeadTime>>): Record<Route, LeadTime> => ({ ...DEFAULT_LEAD_TIMES, ...overrides });
