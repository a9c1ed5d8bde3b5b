import { serviceKey } from '../core/services';
/**
 * What other capabilities may use of the procurement plan: its service by name, and the plain functions
 * that say when a contract ends (the final end, whether an extension remains). Staff-facing renewal status
 * is not here: it is the kernel's data (src/core/renewal.ts, table renewal_status), which contracts read
 * with their search.
 */
import type { PlanService } from './service';
export type { PlanService };
export type { PlanItem, PlanContract, StartState, ExtensionState } from './model';
export { contractEnds } from './model';

/** The service name under which the plan module provides its PlanService. */
export const PLAN_SERVICE = serviceKey<PlanService>('plan.service');

/** Contracts in the plan marked "ska samordnas", with the reason they were not coordinated (for the control report). */
export { listContractMarks } from './coordination-repository';
export type { ContractMark } from './coordination-repository';
