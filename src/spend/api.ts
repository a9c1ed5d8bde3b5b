/**
 * What other capabilities may use of the spend capability: its service by name (the internal-control
 * report may read the yearly figures), and the figure types.
 */
export type { SpendService } from './service';
export type { YearFigures, FlaggedSupplier, Totals } from './model';

/** The service name under which the spend module provides its SpendService. */
export const SPEND_SERVICE = 'spend.service';
