import { todayInSweden } from '../../src/core/dates';
import { plainText } from '../../src/util/text';
import { formatDate } from '../../src/i18n/format';
import { t } from '../../src/i18n';

// The per-turn caches (issue 28) must give what the uncached code gave, also when asked again.
describe('todayInSweden (remembered per minute)', () => {
  it('flips at Swedish midnight, also right after a call in the minute before', () => {
    // 2026-12-07 22:59 UTC is 23:59 in Stockholm (winter time); a minute later it is the next day there.
    expect(todayInSweden(new Date('2026-12-07T22:59:30Z'))).toBe('2026-12-07');
    expect(todayInSweden(new Date('2026-12-07T22:59:59Z'))).toBe('2026-12-07');
    expect(todayInSweden(new Date('2026-12-07T23:00:00Z'))).toBe('2026-12-08');
    // Summer time: midnight in Stockholm is 22:00 UTC.
    expect(todayInSweden(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(todayInSweden(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
    // Back to an earlier minute: not the remembered day.
    expect(todayInSweden(new Date('2026-12-07T22:59:00Z'))).toBe('2026-12-07');
  });

  it('still refuses an invalid date', () => {
    expect(() => todayInSweden(new Date('not a date'))).toThrow(RangeError);
    expect(() => todayInSweden(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('formatDate (remembered per day)', () => {
  it('gives the same text the second time, per locale, and leaves a bad day as it was', () => {
    expect(formatDate('en', '2027-03-31')).toBe('31 Mar 2027');
    expect(formatDate('en', '2027-03-31T10:00:00Z')).toBe('31 Mar 2027');
    expect(formatDate('sv', '2027-03-31')).toMatch(/^31 mars 2027$/);
    expect(formatDate('en', '2027-03-31')).toBe('31 Mar 2027');
    expect(formatDate('sv', 'okänt')).toBe('okänt');
    expect(formatDate('sv', 'okänt')).toBe('okänt');
  });
});

describe('plainText (texts without a link pattern come back unchanged)', () => {
  it('changes only texts with a pattern, whatever their case', () => {
    const plain = 'Handskar, nitril — 31 dec. 2026 (ramavtal)';
    expect(plainText(plain)).toBe(plain);
    expect(plainText('se WWW.example.se')).toBe('se WWW\u200b.example.se');
    expect(plainText('[a](b)')).toBe('[a]\u200b(b)');
    expect(plainText('http://x')).toBe('http:\u200b//x');
  });
});

describe('t (texts remembered per key)', () => {
  it('fills placeholders afresh on every call and keeps a missing key as the key', () => {
    const first = t('en', 'contracts.noHits.title', { q: 'gloves' });
    const second = t('en', 'contracts.noHits.title', { q: 'chairs' });
    expect(first).toContain('gloves');
    expect(second).toContain('chairs');
    expect(second).not.toContain('gloves');
    expect(t('en', 'no.such.key')).toBe('no.such.key');
    expect(t('en', 'no.such.key')).toBe('no.such.key');
  });
});
