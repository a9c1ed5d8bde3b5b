import * as ACData from 'adaptivecards-templating';
import { compileTemplate, Unsupported } from '../../src/cards/fast-template';
import { isCompiled } from '../../src/cards/loader';

/**
 * Hot cards are expanded by closures compiled once from their templates (src/cards/fast-template.ts); what
 * they give must be what adaptivecards-templating gives for the same template and data.
 */
const library = (tpl: unknown, data: unknown) => new ACData.Template(tpl).expand({ $root: data });
const compiled = (tpl: unknown, data: unknown) => {
  const fn = compileTemplate(tpl);
  if (!fn) throw new Error('not compiled');
  return fn(data);
};

it('renders every sample card exactly as adaptivecards-templating does', () => {
  type Cards = { name: string; card: unknown }[];
  let fast: Cards = [];
  let slow: Cards = [];
  jest.isolateModules(() => {
    fast = (jest.requireActual('./samples') as typeof import('./samples')).renderedCards((s) => `${s} [x](https://example.org)`);
  });
  jest.isolateModules(() => {
    jest.doMock('../../src/cards/fast-template', () => ({ ...jest.requireActual('../../src/cards/fast-template'), compileTemplate: () => null }));
    slow = (jest.requireActual('./samples') as typeof import('./samples')).renderedCards((s) => `${s} [x](https://example.org)`);
  });
  expect(fast.length).toBeGreaterThan(50);
  expect(fast.map((c) => c.name)).toEqual(slow.map((c) => c.name));
  // A card may carry a fresh id (a question's askId): the same in shape, not in value.
  const plain = (card: unknown) => JSON.parse(JSON.stringify(card).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID'));
  for (let i = 0; i < fast.length; i++) expect([fast[i].name, plain(fast[i].card)]).toEqual([slow[i].name, plain(slow[i].card)]);
});

it('compiles the cards of the hot turns (search results, a contract, no hits, help)', () => {
  for (const name of ['contract-results', 'contract-card', 'contract-details', 'contract-no-hits', 'help']) expect([name, isCompiled(name)]).toEqual([name, true]);
});

it('agrees with the library on missing fields, $when, nested $data, $index and field names in another case', () => {
  const tpl = {
    type: 'AdaptiveCard',
    body: [
      { type: 'TextBlock', text: 'Hej ${name}, ${missing} och ${more.q}' },
      { type: 'TextBlock', text: '${count}', $when: "${note != ''}" },
      { type: 'TextBlock', text: '${NAME}', $when: '${more != null}' },
      { type: 'TextBlock', text: 'none', $when: '${count(items) == 0}' },
      { type: 'TextBlock', text: 'flag', $when: '${flag}' },
      { type: 'TextBlock', text: 'kind', $when: "${kind == 'text'}" },
      { type: 'Container', $data: '${items}', items: [{ type: 'TextBlock', text: '${$index}: ${title} (${$root.name})' }, { type: 'FactSet', facts: [{ $data: '${facts}', title: '${t}', value: '${v}' }] }] },
      { type: 'Input.Number', value: '${more.offset}', max: '${absent}' },
    ],
  };
  const cases = [
    { name: 'Anna', count: 3, note: 'x', more: { q: 'handskar', offset: 5 }, items: [{ title: 'A', facts: [{ t: 'a', v: '1' }] }, { title: 'B', facts: [] }], flag: true, kind: 'text' },
    { name: 'Anna', count: 0, note: '', more: null, items: [], flag: 'true', kind: 'date' },
    { name: 'Anna', items: [{ title: 'Ett', facts: [{ t: 'a', v: 'b' }, { t: 'c', v: 'd' }] }] },
  ];
  for (const data of cases) expect(compiled(tpl, data)).toEqual(library(tpl, data));
});

it('leaves templates with other expressions, and data it does not take alike, to the library', () => {
  expect(compileTemplate({ type: 'TextBlock', text: "${if(a, 'x', 'y')}" })).toBeNull();
  expect(compileTemplate({ type: 'TextBlock', text: '${a}', $when: '${a || b}' })).toBeNull();
  expect(() => compiled({ type: 'TextBlock', text: 'x ${a}' }, { a: null })).toThrow(Unsupported);
  expect(() => compiled({ type: 'TextBlock', text: 'x', $when: '${count(a) > 0}' }, { a: 5 })).toThrow(Unsupported);
});
