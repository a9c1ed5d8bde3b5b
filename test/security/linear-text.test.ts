import { trimEndChars, trimStartChars } from '../../src/util/text';
import { replaceEmails } from '../../src/survey/comments';
import { parseGlossaryCommand } from '../../src/contracts/glossary';
import { procurementNumber } from '../../src/control/figures';

/** The plain-code stand-ins for patterns that backtracked (see redos.test.ts) behave as those patterns did. */
describe('linear text helpers', () => {
  it('trimEndChars and trimStartChars remove runs of the given characters at one end only', () => {
    expect(trimEndChars('Kaffe?!.', '?!.')).toBe('Kaffe');
    expect(trimEndChars('?Kaffe', '?')).toBe('?Kaffe');
    expect(trimEndChars('...', '.')).toBe('');
    expect(trimEndChars('https://x.se//', '/')).toBe('https://x.se');
    expect(trimStartChars('«"Kaffe»', '«"')).toBe('Kaffe»');
  });

  it('replaceEmails takes the same addresses as /[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.\\p{L}{2,}/gu', () => {
    const old = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
    for (const s of ['Skriv till åsa.ek@region.se eller per@x.com.', 'a@b@c.de', 'a@b.cc1x@d.ee', '@x.se', 'a@x.s', 'x@a-b.c.se2 och y@z.org']) {
      expect(replaceEmails(s, '[E]')).toBe(s.replace(old, '[E]'));
    }
    expect(replaceEmails('Mejla åsa.ek@region.se', '[e-post]')).toBe('Mejla [e-post]');
  });

  it('a glossary entry is cut at its first separator', () => {
    expect(parseGlossaryCommand('ordlista lägg till laptop = bärbar dator')).toEqual({ action: 'add', en: 'laptop', sv: 'bärbar dator' });
    expect(parseGlossaryCommand('glossary add a-->b')).toEqual({ action: 'add', en: 'a-', sv: 'b' });
    expect(parseGlossaryCommand('glossary add = b')).toEqual({ action: 'invalid' });
    expect(parseGlossaryCommand('glossary add a = b = c')).toEqual({ action: 'invalid' });
    expect(parseGlossaryCommand('ordlista ta bort laptop!')).toEqual({ action: 'remove', en: 'laptop' });
  });

  it('a lot suffix is still taken off a diary number, with or without a word and spaces', () => {
    expect(procurementNumber('RS-2025-0101 del 3')).toBe('RS-2025-0101');
    expect(procurementNumber('rs-2025-0101 / L4')).toBe('RS-2025-0101');
    expect(procurementNumber('RS-2025-0101   2')).toBe('RS-2025-0101');
    expect(procurementNumber('RS-2025-0101 x 2')).toBe('RS-2025-0101 X 2');
  });
});
