import * as loader from '../../src/cards/loader';
import { renderedCards } from './samples';

/**
 * Finding 3 of the review: markdown in user text became a live link on the officers' cards. Every card
 * is rendered with link-shaped text in every place a person's words go, and every text Teams renders as
 * markdown (TextBlock and TextRun text, FactSet titles and values) must be unable to form a link.
 */
const LINK_SHAPES = [
  'Behov [Klicka här för att godkänna](https://evil.example/login)',
  '![bild](https://evil.example/pixel.png)',
  '<https://evil.example/auto>',
  'https://evil.example/bare och www.evil.example',
  '[ref][1]\n\n[1]: https://evil.example/ref',
];

/** Texts Teams renders as markdown, with where they are. */
function markdownTexts(node: unknown, where: string, out: [string, string][] = []): [string, string][] {
  if (Array.isArray(node)) node.forEach((n, i) => markdownTexts(n, `${where}[${i}]`, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') out.push([`${where}.text`, o.text]);
    if (o.type === 'FactSet' && Array.isArray(o.facts)) {
      for (const f of o.facts as Record<string, unknown>[]) out.push([`${where}.fact`, `${String(f.title)} ${String(f.value)}`]);
    }
    for (const [k, v] of Object.entries(o)) markdownTexts(v, `${where}.${k}`, out);
  }
  return out;
}

const LINK = /\]\(|\]\[|\]:|:\/\/|\bwww\./i;

describe.each(LINK_SHAPES)('user text %p', (shape) => {
  const rendered = new Set<string>();
  const original = loader.renderCard;
  const spy = jest.spyOn(loader, 'renderCard').mockImplementation((...args) => {
    rendered.add(args[0]);
    return original(...args);
  });
  const originalAttachment = loader.cardAttachment;
  const attachmentSpy = jest.spyOn(loader, 'cardAttachment').mockImplementation((...args) => {
    rendered.add(args[0]);
    return originalAttachment(...args);
  });
  const cards = renderedCards((s) => `${s} ${shape}`);
  spy.mockRestore();
  attachmentSpy.mockRestore();

  it('covers every card template', () => {
    expect(loader.CARD_TEMPLATES.filter((tpl) => !rendered.has(tpl))).toEqual([]);
  });

  it('never forms a link where Teams renders markdown', () => {
    const live: string[] = [];
    let withUserText = 0;
    for (const { name, card } of cards) {
      for (const [where, text] of markdownTexts(card.body ?? [], `${name}:body`)) {
        if (text.includes('evil')) withUserText++;
        if (text.includes('evil') && LINK.test(text)) live.push(`${where}: ${text.slice(0, 120)}`);
      }
    }
    expect(live).toEqual([]);
    // The user text is there (cut of its link, not dropped): the test looked at something.
    expect(withUserText).toBeGreaterThan(50);
  });

  it('keeps the words the person wrote, readable', () => {
    const all = cards.flatMap(({ name, card }) => markdownTexts(card.body ?? [], name).map(([, text]) => text.replaceAll('\u200b', '')));
    expect(all.some((text) => text.includes(shape.split('\n')[0]))).toBe(true);
  });
});
