import { loadConfig } from '../../src/config';
import { planConfig } from '../../src/plan/module';
import { DEFAULT_LEAD_TIMES } from '../../src/rules/data';

/** The plan's settings from the environment: defaults, weekday names, and refusals that name the variable. */
describe('PLAN_* settings', () => {
  it('has defaults: 18 months, 3 months\' notice, Monday 07:00, 8 weeks, staff see a year ahead', () => {
    const c = planConfig(loadConfig({}));
    expect(c).toMatchObject({ horizonMonths: 18, noticeMonths: 3, digestDay: 1, digestTime: '07:00', alertWeeks: 8, staffMonths: 12 });
    expect(c.leadTimes).toEqual(DEFAULT_LEAD_TIMES);
    expect(c.contractRoutes.types).toMatchObject({ ramavtal: 'open-above', 'externt-ramavtal': 'call-off', avtal: 'advertised-below' });
  });

  it.each([
    ['5', 5],
    ['fredag', 5],
    ['Friday', 5],
    ['söndag', 7],
    ['off', null],
    ['0', null],
  ])('reads PLAN_DIGEST_DAY=%p as %p', (v, day) => expect(planConfig(loadConfig({ PLAN_DIGEST_DAY: v })).digestDay).toBe(day));

  it('lays LEAD_TIMES and PLAN_CONTRACT_ROUTES over the defaults', () => {
    const c = planConfig(loadConfig({ LEAD_TIMES: '{"open-above":{"minDays":200,"maxDays":300}}', PLAN_CONTRACT_ROUTES: '{"types":{"avtal":"open-above"},"categories":{"lakemedel":"complex"}}' }));
    expect(c.leadTimes['open-above']).toEqual({ minDays: 200, maxDays: 300 });
    expect(c.contractRoutes.types.avtal).toBe('open-above');
    expect(c.contractRoutes.categories).toMatchObject({ lakemedel: 'complex', medicinteknik: 'complex' });
  });

  it.each([
    ['PLAN_DIGEST_DAY', 'someday'],
    ['PLAN_DIGEST_TIME', '7'],
    ['PLAN_DIGEST_TIME', '24:00'],
    ['PLAN_HORIZON_MONTHS', '0'],
    ['PLAN_NOTICE_MONTHS', '-1'],
    ['PLAN_ALERT_WEEKS', 'many'],
    ['PLAN_CONTRACT_ROUTES', '{"types":{"avtal":"by-fax"}}'],
    ['PLAN_CONTRACT_ROUTES', 'not json'],
  ])('refuses %s=%p, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
