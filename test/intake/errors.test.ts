import { DomainError, DomainErrorCode } from '../../src/core/errors';
import { hasKey } from '../../src/i18n';
import { INTAKE_ERROR_CODES, IntakeError, refusalText } from '../../src/intake/errors';

describe('the intake\'s refusals', () => {
  const kernel: DomainErrorCode[] = ['not-found', 'forbidden', 'too-many', 'closed', 'transition'];

  it('have a text of their own in both languages for every code the intake declares, and for the kernel\'s codes but "forbidden"', () => {
    for (const code of [...INTAKE_ERROR_CODES, ...kernel.filter((c) => c !== 'forbidden')]) {
      for (const locale of ['sv', 'en'] as const) expect([code, locale, hasKey(locale, `intake.errorsApi.${code}`)]).toEqual([code, locale, true]);
    }
  });

  it('say "only officers" in the kernel\'s words, and fill statuses and outcomes in the reader\'s language', () => {
    expect(refusalText('sv', new DomainError('forbidden'))).toBe('Det här får bara inköpare göra.');
    expect(refusalText('en', new IntakeError('forbidden'))).toBe('Only procurement officers may do this.');
    expect(refusalText('sv', new IntakeError('outcome-not-allowed', { outcome: 'upphandlad', status: 'inkommen' }))).toBe(
      'Utfallet ”Upphandlat – avtal tecknat” kan inte registreras när ärendet har status ”Inkommen”.',
    );
    expect(refusalText('en', new IntakeError('not-appealable', { status: 'avbojd' }))).not.toMatch(/avbojd|intake\./);
  });

  it('are DomainErrors, so a capability that calls the intake catches them as such', () => {
    const err: unknown = new IntakeError('past-start', { desiredStart: '2026-01-01' });
    expect(err instanceof DomainError && err.code).toBe('past-start');
  });
});
