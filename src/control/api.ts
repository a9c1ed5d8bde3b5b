/**
 * What other capabilities may use of the internal-control report: nothing but its types (it reads
 * intake, the contract catalogue and the published NKI; nothing reads it).
 */
export type { ControlCase, CoordinatedContract } from './figures';
export type { ControlReport, FigureRow } from './report';
