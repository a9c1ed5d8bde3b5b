import { ActionPlanner, DataSource, Memory, OpenAIModel, PromptManager, RenderedPromptSection, Tokenizer, TurnState } from '@microsoft/teams-ai';
import { Activity, TurnContext } from 'botbuilder';
import { Config } from '../config';
import { Db } from '../db';
import { Logger } from '../logger';
import { turnLocale } from '../bot/turn';
import { fromRoot } from '../util/paths';
import { plainText } from '../util/text';
import { Passage, Retrieval, retrieve } from './retrieval';

/**
 * The optional language model for policy answers (OpenAI or Azure OpenAI), behind one small seam:
 * teams-ai's ActionPlanner with the prompt in src/prompts/policy and the knowledge base as its data
 * source. Answers are grounded only in retrieved passages, which enter the prompt as escaped data.
 * A failed or slow call returns null and the caller answers from the documents instead.
 */

/** Passage text as data: angle brackets are neutralised so no passage can close or open a tag. */
export function asData(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

export function renderDocuments(passages: Passage[]): string {
  const docs = passages.map(
    (p, i) => `<document index="${i + 1}" title="${asData(p.docTitle).replace(/"/g, "'")}" section="${asData(p.section).replace(/"/g, "'")}">\n${asData(p.body)}\n</document>`,
  );
  return `<documents>\n${docs.join('\n')}\n</documents>`;
}

export class KnowledgeDataSource implements DataSource {
  readonly name = 'knowledge';
  constructor(private readonly db: Db) {}

  async renderData(context: TurnContext, memory: Memory, tokenizer: Tokenizer, maxTokens: number): Promise<RenderedPromptSection<string>> {
    const question = String(memory.getValue('temp.input') ?? '');
    const retrieval = await retrieve(this.db, question, 4, { locale: turnLocale(context) });
    // Drop passages from the end until the documents fit the budget.
    let passages = retrieval.reliable ? retrieval.passages : [];
    let output = renderDocuments(passages);
    while (passages.length > 0 && tokenizer.encode(output).length > maxTokens) {
      passages = passages.slice(0, -1);
      output = renderDocuments(passages);
    }
    memory.setValue('temp.policyPassages', passages);
    return { output, length: tokenizer.encode(output).length, tooLong: false };
  }
}

/**
 * A model's words are shown like a user's: no markdown link and no web address of its own making (a
 * `[Logga in här](https://…)` learnt from a passage or a prompt trick must not reach anyone). The only
 * links in an answer are the cited sources' urls, which go in the citations, not in the text.
 */
export const modelText = (text: string): string => plainText(text);

/** The longest pattern plainText breaks ("www."), less one: held back until the next chunk shows what follows. */
const HOLD_BACK = 4;

/**
 * Neutralises a streamed answer chunk by chunk: each chunk is replaced by the new part of
 * modelText(everything so far, less the last few characters), so a link split over two chunks is
 * broken too. The held-back end comes with the final message, which carries the whole text.
 */
export function createStreamNeutraliser(): (chunk: string) => string {
  let raw = '';
  let shown = '';
  return (chunk) => {
    raw += chunk;
    const safe = modelText(raw.slice(0, Math.max(0, raw.length - HOLD_BACK)));
    if (!safe.startsWith(shown)) return '';
    const next = safe.slice(shown.length);
    shown = safe;
    return next;
  };
}

export interface ModelAnswer {
  text: string;
  passages: Passage[];
  /** Passage numbers the answer cites. */
  cited: number[];
  /** Already delivered to the user as a stream (1:1 chats); otherwise the caller sends it. */
  streamed: boolean;
  /** The stream's message id, for linking feedback. */
  streamId?: string;
}

export interface PolicyModel {
  answer(ctx: TurnContext, state: TurnState, question: string): Promise<ModelAnswer | null>;
}

export function createPolicyModel(config: Config, db: Db, logger: Logger): PolicyModel | null {
  const common = { useSystemMessages: true, maxRetries: 0, clientOptions: { timeout: config.MODEL_TIMEOUT_MS, maxRetries: 0 } };
  let model: OpenAIModel;
  if (config.AZURE_OPENAI_ENDPOINT && config.AZURE_OPENAI_API_KEY && config.AZURE_OPENAI_DEPLOYMENT) {
    model = new OpenAIModel({
      ...common,
      azureApiKey: config.AZURE_OPENAI_API_KEY,
      azureDefaultDeployment: config.AZURE_OPENAI_DEPLOYMENT,
      azureEndpoint: config.AZURE_OPENAI_ENDPOINT,
      azureApiVersion: config.AZURE_OPENAI_API_VERSION,
    });
  } else if (config.OPENAI_API_KEY) {
    model = new OpenAIModel({ ...common, apiKey: config.OPENAI_API_KEY, defaultModel: config.OPENAI_MODEL, ...(config.OPENAI_ENDPOINT ? { endpoint: config.OPENAI_ENDPOINT } : {}) });
  } else {
    return null;
  }
  const prompts = new PromptManager({ promptsFolder: fromRoot('src', 'prompts') });
  prompts.addDataSource(new KnowledgeDataSource(db));
  const planner = new ActionPlanner<TurnState>({ model, prompts, defaultPrompt: 'policy' });

  // Streaming works in 1:1 chats only. teams-ai's streamer attaches citations without their links, so
  // when the response is complete we hand it our own citations (with urls) before it ends the stream.
  const streamingModel = new OpenAIModel({ ...model.options, stream: true } as ConstructorParameters<typeof OpenAIModel>[0]);
  // Registered before teams-ai's own listener (it subscribes per call), so the streamer queues the neutralised chunk.
  const neutralisers = new WeakMap<TurnContext, (chunk: string) => string>();
  streamingModel.events?.on('chunkReceived', (ctx, _memory, chunk) => {
    const delta = chunk.delta as { content?: string } | undefined;
    if (!delta?.content) return;
    const neutralise = neutralisers.get(ctx) ?? createStreamNeutraliser();
    neutralisers.set(ctx, neutralise);
    // An empty chunk is skipped by teams-ai; its text comes with the next one or the final message.
    delta.content = neutralise(delta.content);
  });
  const streamingPlanner = new ActionPlanner<TurnState>({
    model: streamingModel,
    prompts,
    defaultPrompt: 'policy',
    enableFeedbackLoop: true,
    endStreamHandler: (_ctx, memory, response, streamer) => {
      const content = modelText(typeof response.message?.content === 'string' ? response.message.content : '');
      const passages = (memory.getValue('temp.policyPassages') as Passage[] | undefined) ?? [];
      memory.setValue('temp.policyStreamedText', content);
      // The final message carries the whole text: the neutralised one, with the chunks' held-back end.
      (streamer as unknown as { _message: string })._message = content;
      const cited = citedNumbers(content, passages.length);
      streamer.citations?.push(...(citationsFor(cited, passages) as never[]));
      streamer.setFeedbackLoop(true);
    },
  });

  return {
    async answer(ctx, state, question) {
      state.temp.input = question;
      if (ctx.activity.conversation?.conversationType === 'personal') {
        try {
          const res = await streamingPlanner.completePrompt<string>(ctx, state, 'policy');
          const text = String((state.temp as unknown as { policyStreamedText?: string }).policyStreamedText ?? '').trim();
          if (res.status !== 'success' || !text) {
            logger.warn({ status: res.status, error: res.error?.message }, 'language model failed; answering from the documents');
            return null;
          }
          const passages = (state.temp as unknown as { policyPassages?: Passage[] }).policyPassages ?? [];
          const streamer = (state.temp as unknown as { streamer?: { streamId?: string } }).streamer;
          return { text, passages, cited: citedNumbers(text, passages.length), streamed: true, streamId: streamer?.streamId };
        } catch (err) {
          logger.warn({ err: (err as Error).message }, 'language model stream threw; answering from the documents');
          return null;
        }
      }
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), config.MODEL_TIMEOUT_MS);
      });
      try {
        const res = await Promise.race([planner.completePrompt<string>(ctx, state, 'policy'), timeout]);
        if (!res) {
          logger.warn({ timeoutMs: config.MODEL_TIMEOUT_MS }, 'language model too slow; answering from the documents');
          return null;
        }
        const content = typeof res.message?.content === 'string' ? modelText(res.message.content.trim()) : '';
        if (res.status !== 'success' || !content) {
          logger.warn({ status: res.status, error: res.error?.message }, 'language model failed; answering from the documents');
          return null;
        }
        const passages = (state.temp as unknown as { policyPassages?: Passage[] }).policyPassages ?? [];
        return { text: content, passages, cited: citedNumbers(content, passages.length), streamed: false };
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'language model call threw; answering from the documents');
        return null;
      } finally {
        if (timer) clearTimeout(timer);
      }
    },
  };
}

/** The passage numbers an answer cites with [n], that exist. */
export function citedNumbers(text: string, passageCount: number): number[] {
  return [...new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))].filter((n) => n >= 1 && n <= passageCount);
}

/** Teams citations with clickable links for the cited passages. */
export function citationsFor(cited: number[], passages: Passage[]) {
  return cited.map((n) => {
    const p = passages[n - 1];
    return {
      '@type': 'Claim',
      position: n,
      appearance: {
        '@type': 'DigitalDocument',
        // Names and abstracts are passage text (a published answer may hold a raw link): shown, never linked.
        name: plainText(`${p.docTitle} – ${p.section}`.slice(0, 80)),
        abstract: plainText(p.excerpt.slice(0, 160)),
        ...(p.url ? { url: p.url } : {}),
      },
    };
  });
}

/**
 * The answer as a Teams message: the "AI-generated" label and citations with clickable links come
 * from a schema.org Message entity we build ourselves (teams-ai's SAY command drops citation urls),
 * and the feedback buttons from channelData.
 */
export function modelAnswerActivity(answer: ModelAnswer): Partial<Activity> {
  const citation = citationsFor(answer.cited, answer.passages);
  return {
    type: 'message',
    text: answer.text,
    channelData: { feedbackLoopEnabled: true },
    entities: [
      {
        type: 'https://schema.org/Message',
        '@type': 'Message',
        '@context': 'https://schema.org',
        '@id': '',
        additionalType: ['AIGeneratedContent'],
        citation,
      },
    ],
  };
}

export type { Retrieval };
