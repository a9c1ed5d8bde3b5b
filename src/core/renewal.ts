import { addMonths, isRealDate } from './dates';

/**
 * What staff see about a contract's renewal, as data and a plain rule in the kernel. A renewal under way is
 * a row of the kernel table renewal_status (migration 023), written in the same transaction as the case
 * change that alters it (a trigger on cases: a case the plan starts, one Inköp plans, starts or closes);
 * the contract search reads it in the query that reads its page (`renewalCase` on a contract view). A near
 * final end follows from the contract's own dates and PLAN_STAFF_MONTHS. No capability asks another for it
 * at run time.
 */

export type RenewalStatus =
  /** A re-procurement of the contract is open (started from the plan, or a linked case an officer has planned): under way. */
  | { kind: 'under-way'; caseNumber: string }
  /** The contract's final end is near; `final` when no extension option remains past `end`. */
  | { kind: 'ending'; end: string; final: boolean };

/**
 * Emitted (after the commit) by a capability whose change may have moved a renewal status, so that search
 * results remembered in this process are dropped at once; other instances see search_meta's
 * renewal_version move within a vocabulary check.
 */
export const RENEWAL_CHANGED = 'core.renewal-changed';

const day = (v: string | null | undefined): string | null => (typeof v === 'string' && isRealDate(v.slice(0, 10)) ? v.slice(0, 10) : null);

/**
 * A contract's current and final end from its dates (YYYY-MM-DD): the current end is valid_to, the final
 * end the extension option's end when it lies past it. An option before the current end is no option
 * (`optionBeforeEnd`).
 */
export function contractEndDays(validTo: string | null | undefined, maxExtensionTo: string | null | undefined): {
  currentEnd: string | null;
  finalEnd: string | null;
  maxExtension: string | null;
  optionBeforeEnd: boolean;
} {
  const currentEnd = day(validTo);
  let maxExtension = day(maxExtensionTo);
  const optionBeforeEnd = maxExtension !== null && currentEnd !== null && maxExtension < currentEnd;
  if (optionBeforeEnd) maxExtension = null;
  const finalEnd = currentEnd && maxExtension && maxExtension > currentEnd ? maxExtension : currentEnd;
  return { currentEnd, finalEnd, maxExtension, optionBeforeEnd };
}

/**
 * The status staff see on a contract card: under way while a renewal case is open (`renewalCase`, from
 * renewal_status); else ending when the contract is current and its final end is within `staffMonths`
 * months (0: never); else none.
 */
export function renewalStatus(
  c: { validTo: string | null; maxExtensionTo: string | null; renewalCase?: string | null },
  today: string,
  staffMonths: number,
): RenewalStatus | undefined {
  if (c.renewalCase) return { kind: 'under-way', caseNumber: c.renewalCase };
  if (staffMonths <= 0) return undefined;
  const { currentEnd, finalEnd } = contractEndDays(c.validTo, c.maxExtensionTo);
  if (currentEnd && finalEnd && currentEnd >= today && finalEnd <= addMonths(today, staffMonths)) {
    return { kind: 'ending', end: finalEnd, final: finalEnd === currentEnd };
  }
  return undefined;
}
