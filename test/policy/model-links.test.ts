import fc from 'fast-check';
import { startTestApp, TestApp } from '../helpers/app';
import { FakeOpenAI, startFakeOpenAI } from '../helpers/fake-openai';
import { messageActivity, postActivity } from '../helpers/teams';
import { citationsFor, createStreamNeutraliser, modelText } from '../../src/policy/teams-model';
import { Passage } from '../../src/policy/retrieval';

/**
 * Issue 21, finding 6: a language model's words are neutralised like a user's. No markdown link and no
 * web address it writes reaches anyone, streamed or not; the only links are the cited sources' urls in
 * the citations, and a citation's name and abstract (passage text, e.g. a published answer) never link.
 */
const LINK = /\]\(|\]\[|\]:|:\/\/|\bwww\./i;
const EVIL = 'Logga in [här](https://evil.example/login) eller på www.evil.example, se https://evil.example/x och [ref]: https://evil.example [1].';

describe('modelText and the stream neutraliser', () => {
  it('breaks every link the model writes and keeps the citation markers', () => {
    const safe = modelText(EVIL);
    expect(safe).not.toMatch(LINK);
    expect(safe.replaceAll('\u200b', '')).toBe(EVIL);
    expect(safe).toContain('[1]');
  });

  it('whatever the chunks, shows no link and only a prefix of the neutralised text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('[', ']', '(', ')', ':', '/', 'w', '.', 'a', ' ', 'h', 't', 'p', 's'), { maxLength: 60 }), fc.array(fc.nat(8), { maxLength: 20 }), (chars, cuts) => {
        const text = chars.join('');
        const chunks: string[] = [];
        let at = 0;
        for (const c of cuts) {
          chunks.push(text.slice(at, at + c));
          at += c;
        }
        chunks.push(text.slice(at));
        const neutralise = createStreamNeutraliser();
        const shown = chunks.map(neutralise).join('');
        expect(modelText(text).startsWith(shown)).toBe(true);
        expect(shown).not.toMatch(LINK);
      }),
      { numRuns: 500, seed: 6 },
    );
  });

  it('gives citations names and abstracts that do not link, and only the source\'s own url', () => {
    const passage = {
      docTitle: 'Publicerat svar [klicka](https://evil.example)',
      section: 'Fråga',
      body: '',
      excerpt: 'Svaret finns på https://intranet.example/raw-link och www.evil.example',
      url: 'https://www.riksdagen.se/lou',
    } as unknown as Passage;
    const [c] = citationsFor([1], [passage]);
    expect(c.appearance.abstract).not.toMatch(LINK);
    expect(c.appearance.name).not.toMatch(LINK);
    expect(c.appearance.url).toBe('https://www.riksdagen.se/lou');
  });
});

describe('over /api/messages', () => {
  let app: TestApp;
  let openai: FakeOpenAI;
  beforeAll(async () => {
    openai = await startFakeOpenAI();
    app = await startTestApp({ env: { OPENAI_API_KEY: 'sk-test-not-a-real-key', OPENAI_ENDPOINT: openai.url, MODEL_TIMEOUT_MS: '3000' } });
    openai.respond = () => ({ content: `Det är inte tillåtet att dela upp ett köp [1]. ${EVIL}` });
  });
  afterAll(async () => {
    await app?.close();
    await openai?.close();
  });

  const texts = (body: unknown) => ((body as { activities?: { text?: string; entities?: unknown }[] }).activities ?? []).map((a) => `${a.text ?? ''} ${JSON.stringify(a.entities ?? [])}`);

  it.each([
    ['a streamed answer in a 1:1 chat', {}],
    ['one message in a group chat', { conversationType: 'groupChat' as const, conversationId: '19:group@thread.v2' }],
  ])('%s carries no link of the model\'s making', async (_name, opts) => {
    const { status, body } = await postActivity(app.baseUrl, messageActivity('Får man dela upp ett köp för att slippa upphandla?', opts));
    expect(status).toBe(200);
    const all = texts(body);
    expect(all.join('\n')).toMatch(/inte tillåtet att dela upp ett köp/);
    for (const t of all) {
      // Only the cited source's own address may appear, inside the citation entity.
      const withoutSources = t.replace(/"url":"https:\/\/www\.riksdagen\.se[^"]*"/g, '').replace(/"@context":"https:\/\/schema\.org"/g, '').replace(/"type":"https:\/\/schema\.org\/Message"/g, '');
      expect(withoutSources).not.toMatch(LINK);
    }
    // The words are all there, only the links are broken.
    expect(all.join('\n').replaceAll('\u200b', '')).toContain('[här](https://evil.example/login)');
  });
});
