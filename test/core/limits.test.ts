import { createActionLimits } from '../../src/core/limits';
import { loadConfig } from '../../src/config';
import { moduleLimits } from '../../src/core/module';
import { MODULES } from '../../src/modules';

describe('per-person action limits', () => {
  let now = 0;
  const limits = () => createActionLimits({ case: 3, question: 2, survey: 0, import: 1 }, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows up to the limit in an hour, then refuses, per person and per action', () => {
    const l = limits();
    expect([1, 2, 3, 4].map(() => l.allow('case', 'A'))).toEqual([true, true, true, false]);
    expect(l.allow('case', 'b')).toBe(true);
    expect(l.allow('question', 'a')).toBe(true);
    // The id is compared without case: Entra ids arrive in either.
    expect(l.allow('case', 'a')).toBe(false);
  });

  it('allows again when the oldest action is an hour old', () => {
    const l = limits();
    for (let i = 0; i < 3; i++) {
      expect(l.allow('case', 'a')).toBe(true);
      now += 60_000;
    }
    expect(l.allow('case', 'a')).toBe(false);
    now = 1_000_000 + 3_600_000 + 1;
    expect(l.allow('case', 'a')).toBe(true);
    expect(l.allow('case', 'a')).toBe(false);
  });

  it('0 means no limit', () => {
    const l = limits();
    expect(Array.from({ length: 500 }, () => l.allow('survey', 'a')).every(Boolean)).toBe(true);
  });
});

describe('limited actions declared by the modules', () => {
  it('merges each module\'s actions, refuses one declared twice, and an undeclared action', () => {
    const config = loadConfig({ LIMIT_CASES_PER_HOUR: '5' });
    const merged = moduleLimits(MODULES, config);
    expect(merged).toEqual({ import: 60, case: 5, survey: 60, question: 30 });
    expect(() => moduleLimits([{ name: 'a', limits: () => ({ x: 1 }) }, { name: 'b', limits: () => ({ x: 2 }) }], config)).toThrow(/"x" is declared by both a and b/);
    expect(() => createActionLimits(merged).allow('nothing', 'id')).toThrow(/no module declares a limit for the action "nothing"/);
  });
});
