import { CommandSpec } from '../core/commands';
import { REGIONS, Region } from '../core/vocabulary';
import { foldText, trimEndChars } from '../util/text';

/**
 * "avtalstrohet [år] [region]" (officers: the card of both regions or one) and "avtalstrohet <förvaltning>"
 * (anyone: one administration's aggregates). Typed, not in the menus.
 */
export const SPEND_COMMANDS: readonly CommandSpec[] = [
  { id: 'spend.compliance', pattern: /^(avtalstrohet|leverant(ö|o)rstrohet|contract\s+compliance)(\s.*)?$/i, scopes: [], help: true },
];

export interface ComplianceCommand {
  year?: number;
  region?: Region;
  /** Whatever else was typed: an administration's name. */
  forvaltning?: string;
}

export function parseComplianceCommand(text: string): ComplianceCommand {
  let rest = text.replace(/^(avtalstrohet|leverant(ö|o)rstrohet|contract\s+compliance)/i, '').trim();
  const out: ComplianceCommand = {};
  const year = /(^|\s)(20\d{2})(?=\s|$)/.exec(rest);
  if (year) {
    out.year = Number(year[2]);
    rest = rest.replace(year[0], ' ').trim();
  }
  for (const region of REGIONS) {
    const m = new RegExp(`(^|\\s)(region\\s+)?${foldText(region)}(?=\\s|$)`, 'i').exec(foldText(rest));
    if (m) {
      out.region = region;
      rest = (rest.slice(0, m.index) + ' ' + rest.slice(m.index + m[0].length)).trim();
    }
  }
  rest = trimEndChars(rest, '.!?').trim();
  if (rest !== '') out.forvaltning = rest.slice(0, 120);
  return out;
}
