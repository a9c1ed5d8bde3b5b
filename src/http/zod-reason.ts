import { ZodIssue } from 'zod';
import { Locale, t } from '../i18n';

/**
 * Why a query parameter was refused, in the caller's language. zod's own messages are English
 * ("Expected number, received nan") and must not reach a Swedish user.
 */
export function zodReason(locale: Locale, issue: ZodIssue | undefined): string {
  if (!issue) return t(locale, 'api.reason.invalid');
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return t(locale, 'api.reason.required');
      if (issue.expected === 'number' || issue.expected === 'integer' || issue.expected === 'nan') return t(locale, 'api.reason.number');
      return t(locale, 'api.reason.invalid');
    case 'too_small':
      return issue.type === 'string' || issue.type === 'array'
        ? t(locale, 'api.reason.tooShort', { min: String(issue.minimum) })
        : t(locale, 'api.reason.tooSmall', { min: String(issue.minimum) });
    case 'too_big':
      return issue.type === 'string' || issue.type === 'array'
        ? t(locale, 'api.reason.tooLong', { max: String(issue.maximum) })
        : t(locale, 'api.reason.tooBig', { max: String(issue.maximum) });
    case 'invalid_enum_value':
      return t(locale, 'api.reason.oneOf', { options: issue.options.map(String).join(', ') });
    case 'custom':
      if (issue.params?.reason === 'year') return t(locale, 'api.reason.year', { min: String(issue.params.min), max: String(issue.params.max) });
      return t(locale, 'api.reason.invalid');
    case 'invalid_date':
    case 'invalid_string':
      return t(locale, 'api.reason.format');
    default:
      return t(locale, 'api.reason.invalid');
  }
}
