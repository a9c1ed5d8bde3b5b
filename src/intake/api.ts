import { serviceKey } from '../core/services';
/**
 * What other capabilities may use of the intake capability: the service (cases by number, the officers'
 * view), the case types, and the domain event it emits when a case changes status.
 */
import { Person } from '../core/person';
import { Queryable } from '../db';
import { CaseStatus } from './lifecycle';
import { CaseRecord } from './repository';

import type { IntakeService } from './service';
export type { IntakeService };
export type { CaseRecord } from './repository';
export type { CaseStatus } from './lifecycle';
export type { CaseOutcome, CancelCause, AppealOutcome } from './outcome';
export { CASE_OUTCOMES, CANCEL_CAUSES, APPEAL_OUTCOMES } from './outcome';
export { routeText } from './cards';
export { IntakeError, refusalText, routeLabel, statusLabel } from './errors';
export type { IntakeErrorCode } from './errors';

/** The service name under which the intake module provides its IntakeService. */
export const INTAKE_SERVICE = serviceKey<IntakeService>('intake.service');

/** Emitted inside the transaction that changes a case's status; a listener that throws undoes the change. */
export const CASE_STATUS_CHANGED = 'intake.case-status-changed';
export interface CaseStatusChanged {
  tx: Queryable;
  case: CaseRecord;
  to: CaseStatus;
  actor: Person;
}

/** Emitted inside the transaction that records a procured case's actual contract start after the signing. */
export const CASE_ACTUAL_START = 'intake.case-actual-start';
export interface CaseActualStart {
  tx: Queryable;
  case: CaseRecord;
}
