/**
 * Case statuses and who may move a case where. Plain data and functions, checked on the server
 * whatever a card offers.
 */
export const CASE_STATUSES = [
  'inkommen',
  'under-bedomning',
  'planerad',
  'upphandling-pagar',
  'avtal-tecknat',
  'avslutad',
  'avbojd',
  'atertagen',
  'avbruten',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const TERMINAL_STATUSES: readonly CaseStatus[] = ['avslutad', 'avbojd', 'atertagen', 'avbruten'];

const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  inkommen: ['under-bedomning', 'avbojd', 'atertagen'],
  'under-bedomning': ['planerad', 'avbojd', 'atertagen'],
  planerad: ['upphandling-pagar', 'avbojd', 'atertagen'],
  'upphandling-pagar': ['avtal-tecknat', 'avbojd', 'atertagen'],
  'avtal-tecknat': ['avslutad'],
  avslutad: [],
  avbojd: [],
  atertagen: [],
  // Reached only by recording the outcome "avbruten" with its cause (src/intake/outcome.ts).
  avbruten: [],
};

export type Role = 'officer' | 'submitter';

/** The statuses a role may move a case to from its current status. */
export function allowedNext(from: CaseStatus, role: Role): CaseStatus[] {
  const next = [...NEXT[from]];
  // A submitter may only withdraw their own need, and only before a contract is signed.
  return role === 'officer' ? next : next.filter((s) => s === 'atertagen');
}

export function canTransition(from: CaseStatus, to: CaseStatus, role: Role): boolean {
  return allowedNext(from, role).includes(to);
}

export function isTerminal(status: CaseStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}
