import { DomainError, DomainErrorCode } from '../core/errors';
import { Locale, t } from '../i18n';
import { Route } from '../rules/data';
import { CaseStatus } from './lifecycle';

/** The intake's own refusals, beside the kernel's: the rules of a case's life and outcome. */
export const INTAKE_ERROR_CODES = [
  'no-question',
  'past-start',
  'outcome-not-allowed',
  'start-needs-procured',
  'contract-needs-outcome',
  'actual-start-early',
  'actual-start-late',
  'not-procured',
  'not-appealable',
  'coordinated-already',
] as const;
export type IntakeErrorCode = DomainErrorCode | (typeof INTAKE_ERROR_CODES)[number];

/** A refusal by the intake's rules (its text is intake.errorsApi.<code>). */
export class IntakeError extends DomainError<IntakeErrorCode> {}

/** A case status (CaseStatus, as other capabilities store it) in the reader's language. */
export const statusLabel = (locale: Locale, status: CaseStatus | string): string => t(locale, `intake.status.${status}`);

/** A procurement route (rules/data) in the reader's language. */
export const routeLabel = (locale: Locale, route: Route): string => t(locale, `intake.routes.${route}`);

/** A refusal's parameters in the reader's words: statuses and outcomes by their names. */
function localParams(locale: Locale, params: Record<string, string>): Record<string, string> {
  return {
    ...params,
    ...(params.status ? { status: t(locale, `intake.status.${params.status}`) } : {}),
    ...(params.outcome ? { outcome: t(locale, `intake.outcome.${params.outcome}`) } : {}),
  };
}

/**
 * What a refusal from the intake service says to the person (the plan shows the same when its "Starta
 * ärende" is refused): the kernel's words where they are shared (only officers may), the intake's otherwise.
 */
export function refusalText(locale: Locale, err: DomainError<string>): string {
  if (err.code === 'forbidden') return t(locale, 'errors.forbidden');
  return t(locale, `intake.errorsApi.${err.code}`, localParams(locale, err.params));
}
