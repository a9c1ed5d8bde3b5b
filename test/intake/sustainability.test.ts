import fs from 'node:fs';
import path from 'node:path';
import { t } from '../../src/i18n';
import { intakeFormCard } from '../../src/intake/cards';
import { SUSTAINABILITY_AREAS, needFormSchema } from '../../src/intake/model';
import { FORM_INPUT } from './fixtures';

/**
 * The form's environment-priority areas are the ones the regions' supplier page "Miljökrav" lists, as
 * knowledge/miljokrav.md (and its English version) restates them with the page as source: the form and
 * the documents change together.
 */
const KNOWLEDGE = path.join(__dirname, '..', '..', 'knowledge');
const listed = (file: string, heading: RegExp) => {
  const section = fs.readFileSync(path.join(KNOWLEDGE, file), 'utf8').split(/^## /m).find((s) => heading.test(s.split('\n')[0])) ?? '';
  return section.split('\n').filter((l) => /^- /.test(l));
};

describe('environment-priority areas on the intake form', () => {
  const areas = SUSTAINABILITY_AREAS.filter((a) => a !== 'ingen' && a !== 'annat');

  it('are as many as the areas the knowledge document lists, in both languages, and the document cites the page', () => {
    expect(listed('miljokrav.md', /^Prioriterade områden/)).toHaveLength(areas.length);
    expect(listed('miljokrav.en.md', /^Priority areas/)).toHaveLength(areas.length);
    expect(fs.readFileSync(path.join(KNOWLEDGE, 'miljokrav.md'), 'utf8')).toMatch(/^url: "https?:\/\/\S+\/miljokrav"$/m);
    expect(fs.readFileSync(path.join(KNOWLEDGE, 'miljokrav.md'), 'utf8')).not.toMatch(/miljöspecialist/i);
  });

  it('name each area as the document does, and offer "none" and "another area"', () => {
    const doc = listed('miljokrav.md', /^Prioriterade områden/).join(' ').toLowerCase();
    for (const a of areas) {
      const firstWord = t('sv', `intake.choices.sustainability.${a}`).toLowerCase().split(/[\s(]+/)[0];
      expect([a, doc.includes(firstWord)]).toEqual([a, true]);
    }
    expect(SUSTAINABILITY_AREAS[0]).toBe('ingen');
    expect(SUSTAINABILITY_AREAS).toContain('annat');
  });

  it('are the choices the form shows, and the ones it accepts', () => {
    const card = JSON.stringify(intakeFormCard('en', '00000000-0000-4000-8000-000000000001', []));
    for (const a of SUSTAINABILITY_AREAS) expect(card).toContain(t('en', `intake.choices.sustainability.${a}`));
    expect(needFormSchema.safeParse({ ...FORM_INPUT, sustainability: 'annat' }).success).toBe(true);
    expect(needFormSchema.safeParse({ ...FORM_INPUT, sustainability: 'miljospecialist' }).success).toBe(false);
  });
});
