import type { Request, Response, Server } from 'restify';
import { Db } from '../db';
import { openReport, sendCsv } from '../http/report-access';
import { requestLocale, route } from '../http/problem';
import { csvCell, csvDocument } from '../core/csv';
import { Logger } from '../logger';
import { DRIVERS } from './nki';
import { NKI_GROUP, PublishedNki } from './published';
import { Range } from './release';
import { loadPublishedNki } from './report';
import type { Releaser } from './release-service';

const HEADER = ['group', 'quarters', 'responses', 'invited', 'response_rate', 'nki', 'share_satisfied', ...DRIVERS.map((d) => `driver_${d}`)];

/** The CSV's rows for all years or one: its label and the published group behind it (released quarters only). */
function rowsOf(published: PublishedNki, year: number | undefined): { label: string; group: string }[] {
  const quarters = published.quarters().filter((q) => !year || q.startsWith(`${year}-`));
  const categories = new Set<string>();
  for (const q of quarters) for (const g of published.categoriesOf(q)) categories.add(g);
  return [
    { label: 'all', group: year ? NKI_GROUP.year(year) : NKI_GROUP.all },
    ...quarters.map((q) => ({ label: `quarter:${q}`, group: NKI_GROUP.quarter(q) })),
    // A category no quarter showed is left out: its row would tell that someone there answered.
    ...[...categories]
      .sort()
      .map((c) => ({ label: `category:${c}`, group: year ? NKI_GROUP.yearCategory(year, c) : NKI_GROUP.category(c) }))
      .filter((r) => published.figure(r.group).shown),
  ];
}

const fixed = (n: number, digits: number) => n.toFixed(digits);
/** A value: the number when exact, "lo-hi" when only its band is published, empty when hidden. */
const value = (exact: number | null, range: Range | null, scale = 1, digits = 1) =>
  exact !== null ? fixed(exact * scale, digits) : range ? `${fixed(range.lo * scale, 0)}-${fixed(range.hi * scale, 0)}` : '';

function line(label: string, published: PublishedNki, group: string): string {
  const f = published.figure(group);
  const count = (n: number) => (f.shown ? n : '');
  return [
    label,
    f.quarters.join(' '),
    count(f.responses),
    count(f.invited),
    f.responseRate === null ? '' : fixed(f.responseRate * 100, 0),
    value(f.nki, f.nkiRange),
    value(f.shareSatisfied, f.shareRange, 100, 0),
    ...DRIVERS.map((d) => value(f.drivers[d].index, f.drivers[d].range)),
  ]
    .map(csvCell)
    .join(';');
}

/**
 * GET /api/reports/nki.csv — released quarters only: one row for all (or the year), then per quarter and per
 * category. A row's figures are built from the quarters listed in its `quarters` column (the quarters that
 * showed that group); a value is a number, a band "lo-hi" (dominance rule), or empty (hidden); counts are
 * empty where no quarter showed the group.
 */
export function register(server: Server, deps: { db: Db; releaser: Pick<Releaser, 'releaseDue'>; keys: (string | undefined)[]; minResponses: number; satisfiedFrom: number; logger: Logger }): void {
  const keys = deps.keys.filter((k): k is string => Boolean(k));
  server.get(
    '/api/reports/nki.csv',
    route(
      async (req: Request, res: Response) => {
        const { year } = openReport(req, res, keys, requestLocale(req));
        await deps.releaser.releaseDue();
        const published = await loadPublishedNki(deps.db);
        const lines = [HEADER.join(';'), ...rowsOf(published, year).map((r) => line(r.label, published, r.group))];
        sendCsv(res, 'nki.csv', csvDocument(lines));
      },
      (err, req) => deps.logger.error({ err: (err as Error).message, path: req.path() }, 'nki report failed'),
    ),
  );
}
