import fc from 'fast-check';
import { DisclosureUnit, disclosableGroups } from '../../src/survey/disclosure';
import { DRIVERS, Driver, SurveyAnswers } from '../../src/survey/nki';
import { NKI_GROUP, publishNki } from '../../src/survey/published';
import { QUARTER_CELL, ReleasePerson, releaseQuarter } from '../../src/survey/release';
import { recover, smallUnions } from './attack';

/** The anonymity rule on hand-built groups: nothing hidden can be computed from what is shown. */
const MIN = 3;
const unit = (count: number, ...groups: string[]): DisclosureUnit => ({ count, groups: ['all', ...groups] });
const keysOf = (units: readonly DisclosureUnit[]) => [...new Set(units.flatMap((u) => u.groups))].sort();
const membersOf = (units: readonly DisclosureUnit[], key: string) => units.flatMap((u, i) => (u.groups.includes(key) ? [i] : []));

/** Whether a set of units' answers can be computed from the shown groups (values play no part in that). */
function derivable(units: readonly DisclosureUnit[], shown: ReadonlySet<string>, target: readonly number[]): boolean {
  const figures = [...shown].map((key) => ({ label: key, members: membersOf(units, key), value: 0 }));
  return recover(figures, target, (i) => units[i].count) !== null;
}

/** Every way the rule could fail: a shown group below the minimum, a hidden group or a too-small set that can be computed. */
function leaks(units: readonly DisclosureUnit[], shown: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const key of keysOf(units)) {
    const members = membersOf(units, key);
    const count = members.reduce((n, i) => n + units[i].count, 0);
    if (shown.has(key) && count < MIN) out.push(`${key} shown with ${count}`);
    if (!shown.has(key) && count > 0 && derivable(units, shown, members)) out.push(`hidden ${key} derivable`);
  }
  for (const set of smallUnions(units.map((_, i) => i), (i) => units[i].count, MIN)) if (derivable(units, shown, set)) out.push(`units ${set.join('+')} derivable`);
  return out;
}

describe('the anonymity rule (disclosableGroups)', () => {
  it('the issue: 4 in all, 3 in A, 1 in B — all and A are never both shown, so 4 × all − 3 × A is gone', () => {
    const units = [unit(3, 'category:A'), unit(1, 'category:B')];
    const shown = disclosableGroups(units, { min: MIN });
    expect([...shown]).toEqual(['all']); // the total stays, the smallest group that would reveal B goes
    expect(leaks(units, shown)).toEqual([]);
    // The attacker finds B in what a per-group threshold alone would show (so the checker can fail).
    expect(derivable(units, new Set(['all', 'category:A']), [1])).toBe(true);
  });

  it('hides the smallest other category when one category is too small', () => {
    const units = [unit(5, 'category:A'), unit(5, 'category:B'), unit(1, 'category:C')];
    const shown = disclosableGroups(units, { min: MIN });
    expect([...shown].sort()).toEqual(['all', 'category:B']);
    expect(leaks(units, shown)).toEqual([]);
  });

  it('does the same for the quarters under a total', () => {
    const units = [unit(3, 'quarter:2026-K1'), unit(4, 'quarter:2026-K2'), unit(1, 'quarter:2026-K3')];
    const shown = disclosableGroups(units, { min: MIN });
    expect([...shown].sort()).toEqual(['all', 'quarter:2026-K2']);
    expect(leaks(units, shown)).toEqual([]);
  });

  it('and for the cases in a category: a shown case may not leave one small case as the rest', () => {
    const units = [unit(3, 'category:C', 'case:X'), unit(1, 'category:C', 'case:Y'), unit(4, 'category:D', 'case:Z')];
    const shown = disclosableGroups(units, { min: MIN });
    expect([...shown].sort()).toEqual(['all', 'case:Z', 'category:C', 'category:D']);
    expect(leaks(units, shown)).toEqual([]);
  });

  it('sees through crossed groups with an empty cell (category A minus quarter 2 is A in quarter 1)', () => {
    const units = [unit(2, 'category:A', 'quarter:Q1'), unit(2, 'category:A', 'quarter:Q2'), unit(2, 'category:B', 'quarter:Q1')];
    // A threshold alone shows all, A and Q1, and all − A gives B in quarter 1 (2 answers).
    expect(derivable(units, new Set(['all', 'category:A', 'quarter:Q1']), [2])).toBe(true);
    const shown = disclosableGroups(units, { min: MIN });
    expect([...shown]).toEqual(['all']);
    expect(leaks(units, shown)).toEqual([]);
  });

  it('shows again a group hidden on the way once it no longer reveals anything (else it could be computed while "hidden")', () => {
    const units = [unit(1, 'category:a', 'quarter:K1'), unit(2, 'category:a', 'quarter:K4'), unit(3, 'category:b', 'quarter:K4')];
    // On the way category a is hidden first (the smallest), then quarter K4; after that a is all − b.
    const shown = disclosableGroups(units, { min: MIN });
    expect([...shown].sort()).toEqual(['all', 'category:a', 'category:b']);
    expect(leaks(units, shown)).toEqual([]);
  });

  it('decides once for groups with the same answers, and counts only units that hold some', () => {
    const units = [unit(3, 'category:A', 'year:2026/category:A'), unit(4, 'category:B', 'year:2026/category:B')];
    expect([...disclosableGroups(units, { min: MIN })].sort()).toEqual(['all', 'category:A', 'category:B', 'year:2026/category:A', 'year:2026/category:B']);
    expect([...disclosableGroups([unit(0, 'category:A'), unit(2, 'category:B')], { min: MIN })]).toEqual([]);
    // A survey without answers for the measure changes nothing: case X is the whole of all.
    expect([...disclosableGroups([unit(0, 'category:A'), unit(3, 'category:A', 'case:X')], { min: MIN })].sort()).toEqual(['all', 'case:X', 'category:A']);
  });

  it('hides nothing more when every cell is large enough', () => {
    const units: DisclosureUnit[] = [];
    for (const y of [2025, 2026]) for (const q of ['K1', 'K3']) for (const c of ['a', 'b']) {
      for (const [n, size] of [[1, 3], [2, 4]]) units.push(unit(size, `year:${y}`, `quarter:${y}-${q}`, `category:${c}`, `year:${y}/category:${c}`, `category:${c}/quarter:${y}-${q}`, `case:${y}${q}${c}${n}`));
    }
    const shown = disclosableGroups(units, { min: MIN });
    expect([...shown].sort()).toEqual(keysOf(units));
  });

  it('never shows a group below the minimum, and nothing hidden or too small can be computed (random groups)', () => {
    const survey = fc.record({
      year: fc.constantFrom(2025, 2026),
      quarter: fc.constantFrom('K1', 'K2', 'K4'),
      category: fc.constantFrom('a', 'b', 'c'),
      isCase: fc.boolean(),
      count: fc.integer({ min: 0, max: 6 }),
    });
    fc.assert(
      fc.property(fc.array(survey, { minLength: 1, maxLength: 9 }), (surveys) => {
        const units = surveys.map((s, i) => ({
          count: s.count,
          groups: [
            'all', `year:${s.year}`, `quarter:${s.year}-${s.quarter}`, `category:${s.category}`, `year:${s.year}/category:${s.category}`,
            `category:${s.category}/quarter:${s.year}-${s.quarter}`, ...(s.isCase ? [`case:INK-${s.year}-${1000 + i}`] : []),
          ],
        }));
        const shown = disclosableGroups(units, { min: MIN });
        expect(leaks(units, shown)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

const answers = (overall: number, drivers: Partial<Record<Driver, number | null>> = {}, comment?: string): SurveyAnswers => ({
  nki: { overall, expectations: overall, ideal: overall },
  drivers: { ...(Object.fromEntries(DRIVERS.map((d) => [d, 7])) as Record<Driver, number>), ...drivers },
  ...(comment ? { comment } : {}),
});
/** One person in a released quarter: her answers and her cells (categories, cases). */
const person = (list: SurveyAnswers[], ...cells: string[]): ReleasePerson => ({ answers: list, cells });
const release = (people: ReleasePerson[]) => publishNki([releaseQuarter({ quarter: '2026-K1', people, invited: {}, min: MIN, band: { from: 8, to: 10 } })]);

describe('the published NKI figures (releaseQuarter + publishNki)', () => {
  it('hides a driver only one person answered ("11,1 (1 svar)" in the issue), keeping the others', () => {
    const c = QUARTER_CELL.case('INK-2026-0001');
    const published = release([person([answers(8, { timeline: 2, needs: 9 })], c), person([answers(6, { timeline: null, needs: 5 })], c), person([answers(7, { timeline: null, needs: 3 })], c)]);
    const f = published.figure(NKI_GROUP.case('INK-2026-0001'));
    expect(f.shown).toBe(true);
    expect(f.nki).toBeCloseTo(((7 + 5 + 6) / 27) * 100, 6);
    expect(f.drivers.timeline).toEqual({ index: null, range: null, answers: 0 });
    expect(f.drivers.needs.index).toBeCloseTo(((8 + 4 + 2) / 27) * 100, 6);
  });

  it('applies the rule to each driver across groups: B\'s one timeline answer is not all minus A', () => {
    const it = QUARTER_CELL.category('it-telekom');
    const liv = QUARTER_CELL.category('livsmedel');
    const published = release([
      person([answers(8, { needs: 2, timeline: 3 })], it), person([answers(6, { needs: 5, timeline: 6 })], it), person([answers(9, { needs: 9, timeline: 8 })], it),
      person([answers(5, { needs: 4, timeline: 1 })], liv), person([answers(4, { needs: 8, timeline: null })], liv), person([answers(7, { needs: 6, timeline: null })], liv),
    ]);
    for (const g of [NKI_GROUP.all, NKI_GROUP.category('it-telekom'), NKI_GROUP.category('livsmedel')]) expect(published.figure(g).nki).not.toBeNull();
    expect(published.figure(NKI_GROUP.all).drivers.timeline.index).not.toBeNull();
    expect(published.figure(NKI_GROUP.category('it-telekom')).drivers.timeline.index).toBeNull();
    expect(published.figure(NKI_GROUP.category('livsmedel')).drivers.timeline).toEqual({ index: null, range: null, answers: 0 });
    expect(published.figure(NKI_GROUP.category('it-telekom')).drivers.needs.index).not.toBeNull();
  });

  it('counts people, not answers: one person with three answers is one, with the mean of her answers', () => {
    const it = QUARTER_CELL.category('it-telekom');
    const her = person([answers(2, { needs: 1 }), answers(4, { needs: 3 }), answers(3, { needs: 2 })], it);
    const published = release([her, person([answers(8, { needs: 9 })], QUARTER_CELL.category('livsmedel')), person([answers(9, { needs: 6 })], QUARTER_CELL.category('livsmedel'))]);
    expect(published.figure(NKI_GROUP.category('it-telekom'))).toMatchObject({ shown: false, responses: 0, nki: null });
    const all = published.figure(NKI_GROUP.all);
    expect(all.responses).toBe(3);
    // Her NKI is the mean of her three: (1 + 3 + 2) / 3 × 100 / 9; the total the mean over three people.
    expect(all.nki).toBeCloseTo(((2 / 9) * 100 + (7 / 9) * 100 + (8 / 9) * 100) / 3, 6);
  });
});
