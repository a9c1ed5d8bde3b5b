import { readMessage, searchWords } from '../../src/core/reading';

/** The one reading of a message: intent from the whole sentence, product words without the question around them. */
describe('reading a message', () => {
  it.each([
    ['Har vi avtal på tolk?', 'contract', 'tolk', 'sv'],
    ['Var köper jag pennor?', 'find', 'pennor', 'sv'],
    ['Vilket avtal gäller för taxi?', 'contract', 'taxi', 'sv'],
    ['Jag behöver en ny bärbar dator', 'find', 'bärbar dator', 'sv'],
    ['Var köper jag kaffe till personalrummet?', 'find', 'kaffe', 'sv'],
    ['Hej! Finns det något avtal för tolktjänster?', 'contract', 'tolktjänster', 'sv'],
    ['Where can I buy a laptop?', 'find', 'laptop', 'en'],
    ['Do we have a contract for interpreters?', 'contract', 'interpreters', 'en'],
    ['Which supplier do we use for interpreters?', 'supplier', 'interpreters', 'en'],
    ['Vem levererar handskar?', 'supplier', 'handskar', 'sv'],
    ['Var kan jag hyra en bil?', 'find', 'hyra en bil', 'sv'],
    ['gloves', 'find', 'gloves', null],
    ['tolk?', 'find', 'tolk', null],
  ])('%p → %s "%s" (%s)', (q, intent, product, language) => {
    const r = readMessage(q);
    expect([r.intent, r.product, r.language]).toEqual([intent, product, language]);
  });

  it('reads a supplier by name or organisation number', () => {
    expect(readMessage('Har vi avtal med Tolkcentralen Mitt AB?')).toMatchObject({ intent: 'supplier', supplier: 'Tolkcentralen Mitt' });
    expect(readMessage('Vad köper vi från Vitalpuls?')).toMatchObject({ intent: 'supplier', supplier: 'Vitalpuls' });
    expect(readMessage('What do we buy from Trosa Textil?')).toMatchObject({ intent: 'supplier', supplier: 'Trosa Textil', language: 'en' });
    expect(readMessage('Har vi avtal med 5598652565?')).toMatchObject({ intent: 'supplier', supplier: '559865-2565' });
  });

  it('reads an amount with a product as contracts first, and buying outside the contract as needing policy too', () => {
    expect(readMessage('Får jag köpa en dator för 15 000 kr utan avtal?')).toMatchObject({ intent: 'amount', product: 'dator', hasAmount: true, policyToo: true });
    expect(readMessage('Vi vill köpa städtjänster för 900 000 kr')).toMatchObject({ intent: 'amount', product: 'städtjänster' });
    expect(readMessage('Måste jag annonsera ett köp på 800 000 kr?')).toMatchObject({ intent: 'amount', product: '' });
    expect(readMessage('Får jag köpa kaffe utanför avtalet?')).toMatchObject({ intent: 'contract', product: 'kaffe', policyToo: true });
  });

  it.each([
    'Får jag köpa utanför avtalet?',
    'Hur beställer jag på ett avtal?',
    'Vad är gränsen för direktupphandling?',
    'Får jag handla av en annan leverantör än den på avtalet?',
    'Vem ansvarar för avtalstroheten?',
    'What is the direct award limit?',
    'Can I buy outside the contract?',
    'Vilket tröskelvärde gäller för byggentreprenader?',
  ])('keeps %p a policy question', (q) => {
    expect(readMessage(q)).toMatchObject({ intent: 'policy', product: '' });
  });

  it('reads each clause: a buying phrase later in the message counts', () => {
    expect(readMessage('Vem ska jag ringa? Har vi avtal på snöröjning?')).toMatchObject({ intent: 'contract', product: 'snöröjning' });
  });

  it('never takes half a word for a verb ("ha" in "handskar")', () => {
    expect(readMessage('Vi behöver handskar')).toMatchObject({ intent: 'find', product: 'handskar' });
  });

  it('leaves a keyword, a contract id and a CPV code as they are for the search box', () => {
    expect(searchWords('handskar')).toBe('handskar');
    expect(searchWords('RS-2025-0150')).toBe('RS-2025-0150');
    expect(searchWords('33141420-0')).toBe('33141420-0');
    expect(searchWords('where can I buy gloves')).toBe('gloves');
    expect(searchWords('do we have a contract with Vitalpuls')).toBe('Vitalpuls');
  });

  it('reads a long paste in bounded time and never throws on odd input', () => {
    for (const q of ['', '???', '  ', 'x'.repeat(5000), '1 000 000 000 000 000 kr', '"]()[', 'är är är är']) expect(() => readMessage(q)).not.toThrow();
  });
});
