import { AdaptiveCardJson, renderCard } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { addDays } from '../core/dates';
import { Locale, t } from '../i18n';
import { formatDate } from '../i18n/format';
import { routeText, statusLabel } from '../intake/api';
import { DigestEntry } from './digest';
import { DigestPayload } from './digest-job';
import { PlanItem } from './model';
import { itemKey, PUBLIC_TITLE_MAX, quarterText } from './public';
import { PUBLIC_PROCEDURES, PlanPublication } from './public-repository';
import { plainText } from '../util/text';
import { COORDINATION_REASONS, reportNote } from '../core/coordination';

/** Items per page of the plan card (Teams cards stay well below their size limit). */
export const PLAN_PAGE_SIZE = 10;
/** Entries the digest card shows; the rest are counted ("… and 12 more"). */
export const DIGEST_MAX_ENTRIES = 30;

type Color = 'Default' | 'Good' | 'Warning' | 'Attention' | 'Accent';

const date = (locale: Locale, d: string | null) => (d ? formatDate(locale, d) : t(locale, 'plan.noDate'));

/** The new procurement's state in words, with a linked need that is not yet the renewal noted after it. */
export function startText(locale: Locale, item: PlanItem): { text: string; color: Color } {
  const state = stateText(locale, item);
  if (!item.need) return state;
  const need = t(locale, 'plan.state.need', { caseNumber: item.need.caseNumber, status: statusLabel(locale, item.need.status) });
  return { ...state, text: `${state.text} · ${need}` };
}

/** The new procurement's state in words (with a symbol; colour only as an extra). */
function stateText(locale: Locale, item: PlanItem): { text: string; color: Color } {
  const d = date(locale, item.latestStart);
  const status = item.caseStatus ? statusLabel(locale, item.caseStatus) : '';
  switch (item.start) {
    case 'started':
      return item.kind === 'contract'
        ? { text: t(locale, 'plan.state.underWay', { caseNumber: item.caseNumber ?? '', status }), color: 'Good' }
        : { text: t(locale, 'plan.state.caseUnderWay', { status }), color: 'Good' };
    case 'no-procurement': {
      const np = item.noProcurement;
      // Who decided is forgotten after the retention period: then only the date.
      const key = np?.actorName ? 'plan.state.noProcurement' : 'plan.state.noProcurementNoName';
      return { text: t(locale, key, { reason: np?.reason ?? '', name: np?.actorName ?? '', date: date(locale, np?.decidedAt.slice(0, 10) ?? null) }), color: 'Default' };
    }
    case 'overdue':
      return { text: t(locale, item.kind === 'contract' ? 'plan.state.overdue' : 'plan.state.caseOverdue', { date: d, status }), color: 'Attention' };
    case 'open':
      return { text: t(locale, item.kind === 'contract' ? 'plan.state.open' : 'plan.state.caseOpen', { date: d, status }), color: 'Accent' };
    default:
      return { text: t(locale, 'plan.state.unknown'), color: 'Attention' };
  }
}

/** The extension option in words: none left, decided (not yet in the catalogue), to decide by a date. */
export function extensionText(locale: Locale, item: PlanItem): string {
  const e = item.extension;
  const parts: string[] = [];
  if (e.decidedTo) parts.push(t(locale, 'plan.extension.decided', { date: date(locale, e.decidedTo) }));
  const dates = { max: date(locale, item.finalEnd), date: date(locale, e.decideBy), notExtended: date(locale, item.latestStartIfNotExtended) };
  if (e.state === 'open') parts.push(t(locale, 'plan.extension.open', dates));
  if (e.state === 'overdue') parts.push(t(locale, 'plan.extension.overdue', dates));
  if (parts.length === 0) parts.push(t(locale, e.remains ? 'plan.extension.settled' : 'plan.extension.none'));
  return parts.join(' ');
}

function facts(locale: Locale, item: PlanItem): { title: string; value: string }[] {
  const f = (key: string, value: string) => ({ title: t(locale, `plan.fact.${key}`), value });
  const out = [];
  if (item.kind === 'contract') {
    out.push(f('currentEnd', date(locale, item.currentEnd)), f('finalEnd', date(locale, item.finalEnd)), f('extension', extensionText(locale, item)));
  } else {
    out.push(f('desiredStart', date(locale, item.neededBy)));
    if (item.contractId) out.push(f('contract', `${item.contractId}${item.finalEnd ? ` (${t(locale, 'plan.endsOn', { date: date(locale, item.finalEnd) })})` : ''}`));
  }
  if (item.route && item.leadTime) {
    const r = routeText(locale, { route: item.route, leadTime: item.leadTime });
    const margin = item.implementationDays > 0 ? ` ${t(locale, 'plan.fact.margin', { days: item.implementationDays })}` : '';
    out.push(f('route', `${r.route}: ${r.leadTime}, ${t(locale, `plan.routeSource.${item.routeSource ?? 'case'}`)}.${margin}`));
  }
  out.push(f('category', item.categoryName?.[locale] ?? item.category));
  if (item.problems.length > 0) out.push(f('problem', item.problems.map((p) => t(locale, `plan.problem.${p}`)).join('; ')));
  return out;
}

/**
 * The publish form open on one item ("Publicera i planen" opens it; a refused submit shows it again with what
 * was typed and why). Fields left out are taken from the item's publication, if any.
 */
export interface PublishForm {
  itemKey: string;
  publicTitle?: string;
  quarter?: string;
  procedure?: string;
  error?: string;
}

/** The open form's values: what was typed, else what is published, else empty. */
function publishFields(locale: Locale, published: PlanPublication | undefined, form: PublishForm) {
  return {
    title: form.publicTitle ?? published?.publicTitle ?? '',
    quarter: form.quarter ?? (published ? quarterText(locale, published.expectedQuarter) : ''),
    procedure: form.procedure ?? published?.procedure ?? '',
    error: form.error ?? '',
  };
}

/** The reason form open on one item ("Varför inte samordnad?"; a refused save shows it again with what was typed). */
export interface CoordinationForm {
  itemKey: string;
  reason?: string;
  note?: string;
  error?: string;
}

/** "Ska samordnas" in words on the item: marked, and the reason it was not coordinated when one is recorded. */
function coordinationText(locale: Locale, item: PlanItem): string {
  const m = item.coordination;
  if (!m?.marked) return '';
  if (!m.reason) return t(locale, 'plan.coordination.marked');
  const reason = t(locale, `plan.coordination.reason.${m.reason}`);
  return m.note ? t(locale, 'plan.coordination.notDoneNote', { reason, note: plainText(reportNote(m.note)) }) : t(locale, 'plan.coordination.notDone', { reason });
}

/** One item of the plan card, with the buttons an officer may press on a contract. */
function cardItem(locale: Locale, item: PlanItem, n: number, published: PlanPublication | undefined, form: PublishForm | undefined, coordination?: CoordinationForm) {
  const state = startText(locale, item);
  const onContract = item.kind === 'contract' && item.contractId !== null;
  const open = item.start === 'open' || item.start === 'overdue' || item.start === 'unknown';
  const key = itemKey(item);
  const publishedText = published
    ? t(locale, 'plan.publish.published', { title: plainText(published.publicTitle), quarter: quarterText(locale, published.expectedQuarter) })
    : '';
  return {
    n,
    itemKey: key,
    publishedText,
    // Any item not settled as "no new procurement" may be published; a published one may always be taken down.
    // The form is on the card only for the item it was opened on (the card stays small).
    publishForm: form?.itemKey === key ? publishFields(locale, published, form) : null,
    canPublish: (item.start !== 'no-procurement' || Boolean(published)) && form?.itemKey !== key,
    // "Ska samordnas" toggles on every item; the reason form opens on a marked one (one item at a time).
    coordinationText: coordinationText(locale, item),
    canCoordinate: true,
    coordinateTo: item.coordination?.marked ? 'false' : 'true',
    coordinateLabel: t(locale, item.coordination?.marked ? 'plan.coordination.unmark' : 'plan.coordination.mark'),
    canGiveReason: Boolean(item.coordination?.marked) && coordination?.itemKey !== key,
    coordinationForm:
      coordination?.itemKey === key
        ? { reason: coordination.reason ?? item.coordination?.reason ?? '', note: coordination.note ?? item.coordination?.note ?? '', error: coordination.error ?? '' }
        : null,
    canUnpublish: Boolean(published),
    contractId: item.contractId ?? '',
    heading: `${item.kind === 'contract' ? item.contractId : item.caseNumber} · ${item.title}`,
    stateText: state.text,
    stateColor: state.color,
    facts: facts(locale, item),
    // "Ingen ny upphandling" can be undone by starting a case after all.
    canStart: onContract && (open || item.start === 'no-procurement'),
    canExtend: onContract && item.extension.remains && item.start !== 'no-procurement',
    canDecline: onContract && open,
    // The new end must be after the current end (the service refuses the current end itself).
    extendMin: item.currentEnd ? addDays(item.currentEnd, 1) : '',
    extendMax: item.finalEnd ?? '',
  };
}

export interface PlanPage {
  offset: number;
  horizonMonths: number;
  today: string;
  /** What the last button did, shown at the top. */
  notice?: string;
  /** The plan's published items (marked on their items, with "Ta bort ur planen"). */
  publications?: readonly PlanPublication[];
  /** The publish form open on its item (opened, or refused and shown again with the reason). */
  publishForm?: PublishForm;
  /** The "not coordinated" reason form open on its item. */
  coordinationForm?: CoordinationForm;
}

/**
 * The plan card: one page of items sorted by latest start, with Starta ärende / Förläng / Ingen ny upphandling on
 * contracts and Publicera i planen / Ta bort ur planen on every item.
 */
export function planCard(locale: Locale, items: readonly PlanItem[], page: PlanPage): AdaptiveCardJson {
  const offset = Math.min(Math.max(0, page.offset), Math.max(0, items.length - 1));
  const shown = items.slice(offset, offset + PLAN_PAGE_SIZE);
  const next = offset + shown.length;
  const published = new Map((page.publications ?? []).map((p) => [p.itemKey, p]));
  return renderCard('plan', {
    title: t(locale, 'plan.title'),
    intro: shown.length ? t(locale, 'plan.intro', { total: items.length, months: page.horizonMonths, today: date(locale, page.today), from: offset + 1, to: next }) : '',
    notice: page.notice ?? '',
    empty: t(locale, 'plan.empty', { months: page.horizonMonths }),
    items: shown.map((item, i) => cardItem(locale, item, i, published.get(itemKey(item)), page.publishForm, page.coordinationForm)),
    offset,
    verbs: { show: VERBS.planShow, start: VERBS.planStart, extend: VERBS.planExtend, decline: VERBS.planDecline, publish: VERBS.planPublish, publishForm: VERBS.planPublishForm, unpublish: VERBS.planUnpublish,
      coordinate: VERBS.planCoordinate, coordinationForm: VERBS.planCoordinationForm, coordinationReason: VERBS.planCoordinationReason },
    coordinationReasonTitle: t(locale, 'plan.coordination.reasonTitle'),
    coordinationReasonLabel: t(locale, 'plan.coordination.reasonLabel'),
    coordinationReasonError: t(locale, 'plan.coordination.errors.choose'),
    coordinationNoteLabel: t(locale, 'plan.coordination.noteLabel'),
    coordinationSaveLabel: t(locale, 'plan.coordination.save'),
    coordinationReasons: COORDINATION_REASONS.map((r) => ({ title: t(locale, `plan.coordination.reason.${r}`), value: r })),
    cancelLabel: t(locale, 'plan.publish.cancel'),
    publishLabel: t(locale, 'plan.publish.action'),
    publishConfirmLabel: t(locale, 'plan.publish.confirm'),
    unpublishLabel: t(locale, 'plan.publish.remove'),
    publicTitleLabel: t(locale, 'plan.publish.titleLabel', { max: PUBLIC_TITLE_MAX }),
    quarterLabel: t(locale, 'plan.publish.quarterLabel'),
    publicTitleError: t(locale, 'plan.publish.required'),
    quarterError: t(locale, 'plan.publish.required'),
    procedureLabel: t(locale, 'plan.publish.procedureLabel'),
    procedures: PUBLIC_PROCEDURES.map((p) => ({ title: t(locale, `plan.publish.procedure.${p}`), value: p })),
    startLabel: t(locale, 'plan.action.start'),
    extendLabel: t(locale, 'plan.action.extend'),
    extendConfirmLabel: t(locale, 'plan.action.extendConfirm'),
    newEndLabel: t(locale, 'plan.action.newEnd'),
    newEndError: t(locale, 'plan.action.newEndError'),
    declineLabel: t(locale, 'plan.action.decline'),
    declineConfirmLabel: t(locale, 'plan.action.declineConfirm'),
    reasonLabel: t(locale, 'plan.action.reason'),
    reasonError: t(locale, 'plan.action.reasonError'),
    more: next < items.length ? { label: t(locale, 'plan.more', { count: items.length - next }), offset: next } : null,
    first: offset > 0 ? { label: t(locale, 'plan.first') } : null,
  });
}

function digestLines(locale: Locale, e: DigestEntry): { text: string; color: Color }[] {
  return e.reasons.map((r) => ({
    text: t(locale, `plan.digest.reason.${r}`, { date: date(locale, r.startsWith('start') ? e.latestStart : e.decideBy), end: date(locale, e.neededBy) }),
    color: r.endsWith('overdue') ? 'Attention' : 'Warning',
  }));
}

/** The weekly digest for the officers' channel (Swedish, like the channel's other cards). */
export function digestCard(locale: Locale, p: DigestPayload): AdaptiveCardJson {
  const shown = p.entries.slice(0, DIGEST_MAX_ENTRIES);
  const overdue = p.entries.filter((e) => e.reasons.some((r) => r.endsWith('overdue'))).length;
  return renderCard('plan-digest', {
    title: t(locale, 'plan.digest.title', { week: p.week.replace(/^\d{4}-W0?/, '') }),
    intro: t(locale, 'plan.digest.intro', { count: p.entries.length, overdue, weeks: p.weeks }),
    entries: shown.map((e) => ({ heading: `${e.contractId ?? e.caseNumber} · ${e.title}${e.contractId && e.caseNumber ? ` (${e.caseNumber})` : ''}`, lines: digestLines(locale, e) })),
    more: p.entries.length > shown.length ? t(locale, 'plan.digest.more', { count: p.entries.length - shown.length }) : '',
    footer: t(locale, 'plan.digest.footer'),
  });
}
