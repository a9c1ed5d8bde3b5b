import { ControlCase } from '../../src/control/figures';

/** A case as the control reads it: went to procurement, submitted 1 Jan 2026, desired start 1 June, nothing ended. */
export const BASE_CASE: ControlCase = {
  category: 'tjanster',
  submittedOn: '2026-01-01',
  desiredStart: '2026-06-01',
  risk: 'i-tid',
  contractCheck: { choice: 'none' },
  outcome: null,
  outcomeAt: null,
  actualStart: null,
  cancelCause: null,
  appeal: { appealed: false, outcome: null },
  wentToProcurement: true,
};

/** The base case with some fields changed. */
export const controlCase = (over: Partial<ControlCase>): ControlCase => ({ ...BASE_CASE, ...over });
