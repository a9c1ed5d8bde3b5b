import { BASE_GLOSSARY, oneEditApart, parseGlossaryCommand, toSwedish, withEntries } from '../../src/contracts/glossary';

describe('the English–Swedish product glossary', () => {
  it.each([
    ['gloves', 'handskar'],
    ['laptop', 'bärbar dator'],
    ['computer', 'dator'],
    ['interpreter', 'tolk'],
    ['office supplies', 'kontorsmaterial'],
    ['pens', 'penna'],
    ['hearing aids', 'hörapparat'],
    ['patient monitor', 'patientövervakning'],
    ['taxi', 'taxi'],
    ['cleaning', 'städ'],
    ['coffee', 'kaffe'],
    ['printer', 'skrivare'],
    ['paper', 'papper'],
    ['furniture', 'möbler'],
    ['syringes', 'sprutor'],
    ['bandages', 'förband'],
    ['batteries', 'batterier'],
  ])('reads %p as %p', (en, sv) => {
    expect(toSwedish(en, BASE_GLOSSARY)).toEqual({ text: sv, translated: true, complete: true });
  });

  it('takes the longest phrase first and keeps what it does not know as typed', () => {
    expect(toSwedish('office chair', BASE_GLOSSARY).text).toBe('kontorsstol');
    expect(toSwedish('Vitalpuls ffp3 masks', BASE_GLOSSARY).text).toBe('Vitalpuls ffp3 munskydd');
    expect(toSwedish('handskar', BASE_GLOSSARY)).toEqual({ text: 'handskar', translated: false, complete: false });
    // Stop words need no translation; an unknown word leaves the translation incomplete.
    expect(toSwedish('a laptop', BASE_GLOSSARY)).toMatchObject({ translated: true, complete: true });
    expect(toSwedish('drop table', BASE_GLOSSARY)).toMatchObject({ translated: true, complete: false });
  });

  it('forgives one wrong letter in a longer word, never in a short one or a number', () => {
    expect(toSwedish('labtop', BASE_GLOSSARY).text).toBe('bärbar dator');
    expect(toSwedish('glvoes', BASE_GLOSSARY).text).toBe('handskar');
    expect(toSwedish('interpretors', BASE_GLOSSARY).text).toBe('tolk');
    expect(toSwedish('cat', BASE_GLOSSARY).translated).toBe(false);
    expect(oneEditApart('laptop', 'labtop')).toBe(true);
    expect(oneEditApart('gloves', 'glvoes')).toBe(true);
    expect(oneEditApart('gloves', 'glaves')).toBe(true);
    expect(oneEditApart('glove', 'gloves')).toBe(true);
    expect(oneEditApart('gloves', 'loaves')).toBe(false);
  });

  it('lets officers\' entries add to and override the base', () => {
    const g = withEntries(BASE_GLOSSARY, [{ en: 'Gizmo', sv: 'handskar' }, { en: 'coffee', sv: 'kaffemaskin' }]);
    expect(toSwedish('gizmos', g).text).toBe('handskar');
    expect(toSwedish('coffee', g).text).toBe('kaffemaskin');
    expect(toSwedish('coffee', BASE_GLOSSARY).text).toBe('kaffe');
  });

  it('reads the officers\' command, refusing entries that are not product words', () => {
    expect(parseGlossaryCommand('ordlista')).toEqual({ action: 'list' });
    expect(parseGlossaryCommand('ordlista lägg till laptop = bärbar dator')).toEqual({ action: 'add', en: 'laptop', sv: 'bärbar dator' });
    expect(parseGlossaryCommand('glossary add patient monitor -> patientövervakning')).toEqual({ action: 'add', en: 'patient monitor', sv: 'patientövervakning' });
    expect(parseGlossaryCommand('ordlista ta bort laptop')).toEqual({ action: 'remove', en: 'laptop' });
    expect(parseGlossaryCommand('ordlista lägg till <b> = x')).toEqual({ action: 'invalid' });
    expect(parseGlossaryCommand(`glossary add ${'a'.repeat(61)} = b`)).toEqual({ action: 'invalid' });
    expect(parseGlossaryCommand('ordlista hej')).toEqual({ action: 'invalid' });
  });
});
