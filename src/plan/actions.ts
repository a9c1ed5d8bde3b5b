import { z } from 'zod';
import { AdaptiveCardJson } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { isRealDate } from '../core/dates';
import { DomainError } from '../core/errors';
import { Caller } from '../core/person';
import { Locale, t } from '../i18n';
import { formatDate } from '../i18n/format';
import { refusalText } from '../intake/api';
import { numberInput } from '../util/input';
import { CoordinationForm, PublishForm, planCard } from './cards';
import { coordinationError, coordinationInputSchema } from '../core/coordination';
import { PUBLIC_TITLE_MAX, nextQuarter, parseQuarter, publicTitleInput, quarterText } from './public';
import { PUBLIC_PROCEDURES } from './public-repository';
import { PlanRefusal, PlanService } from './service';

/**
 * The plan card's buttons as plain functions: card data in (validated here), the card or message to show
 * out. Officers only: checked first, before the data or the plan is read, and again in the service.
 */
const contractId = z.string().trim().min(2).max(40).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/);
const offset = numberInput(z.number().int().min(0).max(100_000)).default(0);
const n = numberInput(z.number().int().min(0).max(99));
/** A plan item's public key, as the card sends it (see itemKey in ./public). */
const planItemKey = z.string().regex(/^(contract:[a-z0-9][a-z0-9._/-]{1,39}|case:[A-Z]{2,5}-\d{4}-\d{1,6})$/);
const payloads = {
  show: z.object({ offset }),
  start: z.object({ contractId, offset }),
  // The input's id carries the item's number on the page (inputs of every item arrive together).
  extend: z.object({ contractId, offset, n }).passthrough(),
  decline: z.object({ contractId, offset, n }).passthrough(),
  // The publish form's inputs (publicTitle, quarter, procedure) are read in the action, to be shown again.
  publish: z.object({ item: planItemKey, offset }).passthrough(),
  publishForm: z.object({ item: planItemKey, offset }),
  unpublish: z.object({ item: planItemKey, offset }),
  coordinate: z.object({ item: planItemKey, offset, marked: z.enum(['true', 'false']) }),
  coordinationForm: z.object({ item: planItemKey, offset }),
  // The form's inputs (coordinationReason, coordinationNote) are read in the action, to be shown again.
  coordinationReason: z.object({ item: planItemKey, offset }).passthrough(),
};
/** A typed input as text (kept to show again), whatever the card sent. */
const typed = (v: unknown, max: number): string => (typeof v === 'string' ? v.slice(0, max) : '');
const procedure = z.union([z.enum(PUBLIC_PROCEDURES), z.literal('').transform(() => null)]);
const newEnd = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isRealDate);
const reason = z.string().trim().min(3).max(500);

export type PlanAction = (caller: Caller, data: unknown) => Promise<AdaptiveCardJson | string>;

/** A refusal in the officer's words; anything else is a bug for the turn-error handler. */
function refusal(locale: Locale, err: unknown): string {
  if (err instanceof PlanRefusal) {
    const params = { ...err.params, ...(err.params.end ? { end: formatDate(locale, err.params.end) } : {}) };
    return t(locale, `plan.refused.${err.code}`, params);
  }
  if (err instanceof DomainError) return refusalText(locale, err);
  throw err;
}

export function createPlanActions(plan: PlanService, horizonMonths: number): Record<string, PlanAction> {
  /** The plan card at the same page, with what the button did on top (or a refused publish form on its item). */
  const card = async (locale: Locale, at: number, notice?: string, publishForm?: PublishForm, coordinationForm?: CoordinationForm) => {
    const [items, publications] = await Promise.all([plan.plan(), plan.publications()]);
    return planCard(locale, items, { offset: at, horizonMonths, today: plan.today(), notice, publications, publishForm, coordinationForm });
  };

  // The role is checked first: a non-officer's press reads nothing and learns nothing of the card's data.
  const action =
    <T extends z.ZodTypeAny>(schema: T, run: (c: Caller, d: z.infer<T>) => Promise<AdaptiveCardJson | string>): PlanAction =>
    async (caller, data) => {
      if (!(await plan.isOfficer(caller.person().aadId))) return t(caller.locale, 'plan.refused.forbidden');
      const p = schema.safeParse(data ?? {});
      if (!p.success) return t(caller.locale, 'common.cardDataInvalid');
      try {
        return await run(caller, p.data);
      } catch (err) {
        return refusal(caller.locale, err);
      }
    };

  return {
    [VERBS.planShow]: action(payloads.show, (c, d) => card(c.locale, d.offset)),

    [VERBS.planStart]: action(payloads.start, async (c, d) => {
      const { case: created, created: isNew } = await plan.startCase(d.contractId, { ...c.person(), locale: c.locale }, c.locale);
      const key = isNew ? 'plan.notice.started' : 'plan.notice.alreadyStarted';
      return card(c.locale, d.offset, t(c.locale, key, { caseNumber: created.caseNumber, contractId: d.contractId }));
    }),

    [VERBS.planExtend]: action(payloads.extend, async (c, d) => {
      const value = newEnd.safeParse((d as Record<string, unknown>)[`newEnd${d.n}`]);
      if (!value.success) return t(c.locale, 'plan.action.newEndError');
      const decision = await plan.extend(d.contractId, value.data, c.person());
      return card(c.locale, d.offset, t(c.locale, 'plan.notice.extended', { contractId: decision.contractId, date: formatDate(c.locale, value.data) }));
    }),

    [VERBS.planDecline]: action(payloads.decline, async (c, d) => {
      const value = reason.safeParse((d as Record<string, unknown>)[`reason${d.n}`]);
      if (!value.success) return t(c.locale, 'plan.action.reasonError');
      const decision = await plan.noProcurement(d.contractId, value.data, c.person());
      return card(c.locale, d.offset, t(c.locale, 'plan.notice.declined', { contractId: decision.contractId }));
    }),

    [VERBS.planPublishForm]: action(payloads.publishForm, (c, d) => card(c.locale, d.offset, undefined, { itemKey: d.item })),

    [VERBS.planPublish]: action(payloads.publish, async (c, d) => {
      const fields = d as Record<string, unknown>;
      const form = {
        itemKey: d.item,
        publicTitle: typed(fields.publicTitle, 400),
        quarter: typed(fields.quarter, 40),
        procedure: typed(fields.procedure, 40),
      };
      const title = publicTitleInput.safeParse(form.publicTitle);
      const quarter = parseQuarter(form.quarter, plan.today());
      const kind = procedure.safeParse(form.procedure);
      const errors = [
        title.success ? '' : t(c.locale, 'plan.publish.titleError', { max: PUBLIC_TITLE_MAX }),
        quarter ? '' : t(c.locale, 'plan.publish.quarterError', { example: quarterText(c.locale, nextQuarter(plan.today())) }),
        kind.success ? '' : t(c.locale, 'plan.publish.procedureError'),
      ].filter(Boolean);
      if (!title.success || !quarter || !kind.success) return card(c.locale, d.offset, undefined, { ...form, error: errors.join(' ') });
      // An item no longer in the plan is refused (PlanRefusal 'not-in-plan', answered by action()).
      await plan.publish({ itemKey: d.item, publicTitle: title.data, expectedQuarter: quarter, procedure: kind.data }, c.person());
      return card(c.locale, d.offset, t(c.locale, 'plan.publish.done', { title: title.data, quarter: quarterText(c.locale, quarter) }));
    }),

    [VERBS.planCoordinate]: action(payloads.coordinate, async (c, d) => {
      const item = await plan.coordinate(d.item, coordinationInputSchema.parse({ marked: d.marked }), c.person());
      const name = item.kind === 'contract' ? item.contractId : item.caseNumber;
      return card(c.locale, d.offset, t(c.locale, d.marked === 'true' ? 'plan.coordination.markedNotice' : 'plan.coordination.unmarkedNotice', { item: name ?? '' }));
    }),

    [VERBS.planCoordinationForm]: action(payloads.coordinationForm, (c, d) => card(c.locale, d.offset, undefined, undefined, { itemKey: d.item })),

    [VERBS.planCoordinationReason]: action(payloads.coordinationReason, async (c, d) => {
      const fields = d as Record<string, unknown>;
      const form = { itemKey: d.item, reason: typed(fields.coordinationReason, 40), note: typed(fields.coordinationNote, 400) };
      const input = coordinationInputSchema.safeParse({ marked: true, reason: form.reason || undefined, note: form.note });
      if (!input.success || input.data.reason === undefined) {
        const code = input.success ? 'choose' : coordinationError(input.error);
        return card(c.locale, d.offset, undefined, undefined, { ...form, error: t(c.locale, `plan.coordination.errors.${code}`) });
      }
      const item = await plan.coordinate(d.item, input.data, c.person());
      const name = item.kind === 'contract' ? item.contractId : item.caseNumber;
      return card(c.locale, d.offset, t(c.locale, 'plan.coordination.reasonSaved', { item: name ?? '', reason: t(c.locale, `plan.coordination.reason.${input.data.reason}`) }));
    }),

    [VERBS.planUnpublish]: action(payloads.unpublish, async (c, d) => {
      const removed = await plan.unpublish(d.item, c.person());
      return card(c.locale, d.offset, t(c.locale, removed ? 'plan.publish.removed' : 'plan.publish.notPublished'));
    }),
  };
}
