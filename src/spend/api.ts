import { serviceKey } from '../core/services';
import type { SpendService } from './service';

/**
 * What other capabilities may use of the spend capability: its service under a typed key (the
 * internal-control report reads the yearly figures and which years have a ledger), and the figure types.
 */
export type { SpendService } from './service';
export type { YearFigures, FlaggedSupplier, Totals, Flag } from './model';

/** The key under which the spend module provides its SpendService. */
export const SPEND_SERVICE = serviceKey<SpendService>('spend.service');
