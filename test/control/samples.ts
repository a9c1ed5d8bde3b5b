import { AdaptiveCardJson } from '../../src/cards/loader';
import { controlReportCard } from '../../src/control/cards';
import { ControlCase, ledgerCompliance } from '../../src/control/figures';
import { buildControlReport } from '../../src/control/report';
import { Locale } from '../../src/i18n';

/**
 * The internal-control card with sample data for test/cards (rendered, validated, checked for user text
 * that must not become a link): a full year, and an empty one.
 */
export function controlSampleCards(locale: Locale, u: (s: string) => string): { name: string; card: AdaptiveCardJson }[] {
  const c: ControlCase = {
    category: u('tjanster'),
    submittedOn: '2026-01-10',
    desiredStart: '2026-06-01',
    risk: 'for-sent',
    contractCheck: { choice: 'sent-anyway' },
    outcome: 'avbruten',
    outcomeAt: '2026-05-01T08:00:00Z',
    actualStart: null,
    cancelCause: u('annat'),
    appeal: { appealed: true, outcome: u('pagar') },
    wentToProcurement: true,
  };
  const cases = [c, { ...c, outcome: 'upphandlad', cancelCause: null, actualStart: '2026-07-01' }];
  const coordinated = [
    { contractId: 'RS-2026-0001', title: u('Handskar'), validFrom: '2026-02-01', removedAt: null, contractType: 'ramavtal' },
    { contractId: 'RS-2026-0002', title: u('Tolkar'), validFrom: '2026-03-01', removedAt: '2026-09-01T08:00:00.000Z', contractType: 'ramavtal' },
  ];
  const opts = { categories: [{ slug: 'tjanster', name: { sv: u('Tjänster'), en: u('Services') }, aliases: [], sortOrder: 1 }], minResponses: 3 };
  const ledger = (y: number) =>
    y === 2026
      ? [ledgerCompliance('Sörmland', { total: { share: 0.62 }, suppliers: [{ flag: 'over-direct-limit', ore: 95_000_000 }] }), ledgerCompliance('Västmanland', null)]
      : [ledgerCompliance('Sörmland', null), ledgerCompliance('Västmanland', { total: { share: 0.7 }, suppliers: [] })];
  const full = buildControlReport({ cases, coordinated, coordinatedTarget: 30, nki: (y) => (y === 2026 ? { nki: 71.4, responses: 5 } : { nki: null, responses: 2 }), ledger }, 2026);
  const empty = buildControlReport({ cases: [], coordinated: [], coordinatedTarget: 30, nki: () => ({ nki: null, responses: 0 }) }, 2026);
  return [
    { name: `control-report/${locale}`, card: controlReportCard(locale, full, opts) },
    { name: `control-report-empty/${locale}`, card: controlReportCard(locale, empty, opts) },
  ];
}
