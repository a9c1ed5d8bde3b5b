import fc from 'fast-check';
import { MAX_MESSAGE_CHARS, cut, plainText } from '../../src/util/text';

describe('cut', () => {
  it('keeps short text and cuts long text to the limit', () => {
    expect(cut('hej')).toBe('hej');
    expect(cut('x'.repeat(MAX_MESSAGE_CHARS + 10))).toHaveLength(MAX_MESSAGE_CHARS);
    expect(cut('abcdef', 3)).toBe('abc');
  });

  it('never leaves half of a surrogate pair at the end', () => {
    const text = `${'a'.repeat(4)}😀`; // the emoji is two UTF-16 units at 4 and 5
    expect(cut(text, 5)).toBe('aaaa');
    expect(cut(text, 6)).toBe(text);
  });
});

describe('plainText', () => {
  it.each([
    ['[Klicka här](https://evil.example/login)', '[Klicka här]\u200b(https:\u200b//evil.example/login)'],
    ['se www.evil.example', 'se www\u200b.evil.example'],
    ['[a][1]\n[1]: x', '[a]\u200b[1]\n[1]\u200b: x'],
  ])('%p cannot form a link', (input, expected) => {
    expect(plainText(input)).toBe(expected);
  });

  it('leaves ordinary text as it was', () => {
    expect(plainText('Blodtrycksmätare (14 st) till vårdcentraler, 300 000 kr/år')).toBe('Blodtrycksmätare (14 st) till vårdcentraler, 300 000 kr/år');
  });

  it('is idempotent and shows the same characters apart from zero-width spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('[', ']', '(', ')', ':', '/', 'w', '.', 'a', ' ') , maxLength: 60 }), (s) => {
        const once = plainText(s);
        expect(plainText(once)).toBe(once);
        expect(once.replaceAll('\u200b', '')).toBe(s);
        expect(once).not.toMatch(/\]\(|\]\[|\]:|:\/\/|\bwww\./i);
      }),
    );
  });
});
