import { fieldErrors, isComplex, needFormSchema } from '../../src/intake/model';
import { FORM, FORM_INPUT } from './fixtures';

describe('need form validation', () => {
  it('accepts a complete form as the card sends it, with Swedish amounts', () => {
    const parsed = needFormSchema.parse(FORM_INPUT);
    expect(parsed).toEqual(FORM);
  });

  it('names each bad field with a message key and keeps going past the first', () => {
    const res = needFormSchema.safeParse({
      ...FORM_INPUT,
      title: '',
      valuePerYear: 'massor',
      valueTotal: '-5',
      desiredStart: '2027-02-30',
      regions: '',
      category: '',
      budgetDecided: undefined,
    });
    expect(res.success).toBe(false);
    if (res.success) return;
    expect(fieldErrors(res.error)).toEqual({
      title: 'tooShort',
      valuePerYear: 'number',
      valueTotal: 'negative',
      desiredStart: 'date',
      regions: 'choose',
      category: 'choose',
      budgetDecided: 'choose',
    });
  });

  it('refuses a total below the yearly value', () => {
    const res = needFormSchema.safeParse({ ...FORM_INPUT, valuePerYear: '500000', valueTotal: '100000' });
    expect(res.success).toBe(false);
    if (!res.success) expect(fieldErrors(res.error)).toEqual({ valueTotal: 'totalBelowYear' });
  });

  it('reads multi-selects and treats blank optional fields as absent', () => {
    const parsed = needFormSchema.parse({ ...FORM_INPUT, regions: 'Sörmland,Västmanland', specialRequirements: 'mdr,gdpr', currentEnd: '' });
    expect(parsed.regions).toEqual(['Sörmland', 'Västmanland']);
    expect(parsed.specialRequirements).toEqual(['mdr', 'gdpr']);
    expect(parsed.currentEnd).toBeUndefined();
  });

  it('calls medical technology under MDR complex', () => {
    expect(isComplex(FORM)).toBe(true);
    expect(isComplex({ ...FORM, specialRequirements: [] })).toBe(false);
    expect(isComplex({ category: 'it-telekom', specialRequirements: ['informationssakerhet'] })).toBe(true);
  });
});
