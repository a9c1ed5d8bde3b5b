import { addDays } from '../core/dates';
import { PlanItem } from './model';

/**
 * The weekly renewal digest as plain data: the plan's items whose latest start or extension decision falls
 * within the next `weeks` weeks, and those already overdue. What the outbox carries (a snapshot taken when
 * the week is claimed, so a late delivery shows what was due that week).
 */
export type DigestReason = 'start-overdue' | 'start-due' | 'extension-overdue' | 'extension-due';

export interface DigestEntry {
  contractId: string | null;
  caseNumber: string | null;
  title: string;
  latestStart: string | null;
  decideBy: string | null;
  neededBy: string | null;
  reasons: DigestReason[];
}

/** Why an item is in this week's digest (empty: it is not). */
export function digestReasons(item: PlanItem, today: string, weeks: number): DigestReason[] {
  const until = addDays(today, weeks * 7);
  const reasons: DigestReason[] = [];
  if (item.start === 'overdue') reasons.push('start-overdue');
  else if (item.start === 'open' && item.latestStart && item.latestStart <= until) reasons.push('start-due');
  const ext = item.extension;
  if (ext.state === 'overdue') reasons.push('extension-overdue');
  else if (ext.state === 'open' && ext.decideBy && ext.decideBy <= until) reasons.push('extension-due');
  return reasons;
}

/** The digest's entries, in plan order (latest start first). */
export function digestEntries(plan: readonly PlanItem[], today: string, weeks: number): DigestEntry[] {
  return plan.flatMap((item) => {
    const reasons = digestReasons(item, today, weeks);
    if (reasons.length === 0) return [];
    const { contractId, caseNumber, title, latestStart, neededBy } = item;
    return [{ contractId, caseNumber, title, latestStart, decideBy: item.extension.decideBy, neededBy, reasons }];
  });
}
