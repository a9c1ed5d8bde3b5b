/**
 * What other capabilities may use of the internal-control report: nothing but its types (it reads
 * intake, the contract catalogue, the published NKI and the spend capability's figures; nothing reads it).
 */
export type { ControlCase, CoordinatedContract, LedgerCompliance } from './figures';
export type { ControlReport, FigureRow } from './report';
