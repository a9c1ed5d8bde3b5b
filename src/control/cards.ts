import { AdaptiveCardJson, renderCard } from '../cards/loader';
import { Locale, t } from '../i18n';
import { formatDate } from '../i18n/format';
import { CONTROLS, ControlReport, FigureRow } from './report';
import { TextOptions, controlName, definition, figureName, formatValue, itemReason, shownValue } from './text';

/** How many coordinated contracts the card lists before "… and N more" (the page lists them all). */
export const CARD_LIST_MAX = 25;

function fact(locale: Locale, report: ControlReport, row: FigureRow, opts: TextOptions) {
  const value = shownValue(locale, row, 'value', report.current.nki, opts.minResponses);
  const previous = shownValue(locale, row, 'previous', report.previous.nki, opts.minResponses);
  const params = { value, year: report.year - 1, previous };
  return {
    title: figureName(locale, row, opts),
    value: row.target === null ? t(locale, 'control.card.value', params) : t(locale, 'control.card.valueWithTarget', { ...params, target: formatValue(locale, row.unit, row.target) }),
  };
}

/**
 * The officers' card: every figure of the year with the year before, per control, each control's
 * definitions behind a button, and the coordinated contracts. Per-category figures are on the page and in the CSV.
 */
export function controlReportCard(locale: Locale, report: ControlReport, opts: TextOptions): AdaptiveCardJson {
  const sections = CONTROLS.map((control) => {
    const rows = report.rows.filter((r) => r.control === control && r.category === undefined && r.item === undefined);
    return {
      id: `defs-${control}`,
      name: controlName(locale, control),
      facts: rows.map((row) => fact(locale, report, row, opts)),
      // Per-region rows share their figure's definition: it is given once, under the figure's name.
      definitions: rows
        .filter((r) => r.detail === undefined && (r.region === undefined || r === rows.find((o) => o.figure === r.figure)))
        .map((row) => `**${row.region === undefined ? figureName(locale, row, opts) : t(locale, `control.figures.${row.figure}.name`)}**: ${definition(locale, row, opts)}`),
    };
  });
  const list = report.current.coordinated.map((c) =>
    t(locale, c.removedAt ? 'control.card.listRemoved' : 'control.card.listItem', { id: c.contractId, title: c.title, start: formatDate(locale, c.validFrom) }),
  );
  const notCoordinated = report.current.notCoordinated.map((x) => t(locale, 'control.card.notCoordinatedItem', { id: x.id, title: x.title, reason: itemReason(locale, x) }));
  return renderCard('control-report', {
    title: t(locale, 'control.title', { year: report.year }),
    intro: t(locale, 'control.card.intro', { previous: report.year - 1, year: report.year }),
    showDefinitions: t(locale, 'control.card.showDefinitions'),
    sections,
    listLabel: t(locale, 'control.list.title', { year: report.year }),
    list: list.slice(0, CARD_LIST_MAX),
    more: list.length > CARD_LIST_MAX ? t(locale, 'control.card.more', { count: list.length - CARD_LIST_MAX }) : '',
    listEmpty: list.length ? '' : t(locale, 'control.list.empty', { year: report.year }),
    notCoordinatedLabel: t(locale, 'control.notCoordinated.title', { year: report.year }),
    notCoordinated: notCoordinated.slice(0, CARD_LIST_MAX),
    notCoordinatedMore: notCoordinated.length > CARD_LIST_MAX ? t(locale, 'control.card.more', { count: notCoordinated.length - CARD_LIST_MAX }) : '',
    notCoordinatedEmpty: notCoordinated.length ? '' : t(locale, 'control.notCoordinated.empty', { year: report.year }),
  });
}
