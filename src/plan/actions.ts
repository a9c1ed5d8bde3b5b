import { z } from 'zod';
import { AdaptiveCardJson } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { isRealDate } from '../core/dates';
import { DomainError } from '../core/errors';
import { Caller } from '../core/person';
import { Locale, t } from '../i18n';
import { formatDate } from '../i18n/format';
import { numberInput } from '../util/input';
import { planCard } from './cards';
import { PlanRefusal, PlanService } from './service';

/**
 * The plan card's buttons as plain functions: card data in (validated here), the card or message to show
 * out. Officers only: the service checks it again, whatever the card offered.
 */
const contractId = z.string().trim().min(2).max(40).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/);
const offset = numberInput(z.number().int().min(0).max(100_000)).default(0);
const n = numberInput(z.number().int().min(0).max(99));
const payloads = {
  show: z.object({ offset }),
  start: z.object({ contractId, offset }),
  // The input's id carries the item's number on the page (inputs of every item arrive together).
  extend: z.object({ contractId, offset, n }).passthrough(),
  decline: z.object({ contractId, offset, n }).passthrough(),
};
const newEnd = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isRealDate);
const reason = z.string().trim().min(3).max(500);

export type PlanAction = (caller: Caller, data: unknown) => Promise<AdaptiveCardJson | string>;

/** A refusal in the officer's words; anything else is a bug for the turn-error handler. */
function refusal(locale: Locale, err: unknown): string {
  if (err instanceof PlanRefusal) {
    const params = { ...err.params, ...(err.params.end ? { end: formatDate(locale, err.params.end) } : {}) };
    return t(locale, `plan.refused.${err.code}`, params);
  }
  if (err instanceof DomainError) return t(locale, `intake.errorsApi.${err.code}`, err.params);
  throw err;
}

export function createPlanActions(plan: PlanService, horizonMonths: number): Record<string, PlanAction> {
  /** The plan card at the same page, with what the button did on top. */
  const card = async (locale: Locale, at: number, notice?: string) => planCard(locale, await plan.plan(), { offset: at, horizonMonths, today: plan.today(), notice });

  const action =
    <T extends z.ZodTypeAny>(schema: T, run: (c: Caller, d: z.infer<T>) => Promise<AdaptiveCardJson | string>): PlanAction =>
    async (caller, data) => {
      const p = schema.safeParse(data ?? {});
      if (!p.success) return t(caller.locale, 'common.cardDataInvalid');
      if (!(await plan.isOfficer(caller.person().aadId))) return t(caller.locale, 'plan.refused.forbidden');
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
  };
}
