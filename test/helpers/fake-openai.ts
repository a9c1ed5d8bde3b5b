import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible server on loopback for the model path: records each chat-completion
 * request and answers as the test tells it (an answer, an error status, or slowly).
 */
export interface ChatMessage {
  role: string;
  content: string;
}
export interface FakeOpenAI {
  url: string;
  requests: { messages: ChatMessage[]; model: string; stream?: boolean }[];
  respond: (messages: ChatMessage[]) => { status?: number; content?: string; delayMs?: number };
  close(): Promise<void>;
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const fake: FakeOpenAI = {
    url: '',
    requests: [],
    respond: () => ({ content: 'OK' }),
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        return void res.end('{"error":{"message":"not found"}}');
      }
      const parsed = JSON.parse(body) as { messages: ChatMessage[]; model: string; stream?: boolean };
      fake.requests.push(parsed);
      const r = fake.respond(parsed.messages);
      const send = () => {
        if (res.destroyed) return;
        if (r.status && r.status !== 200) {
          res.writeHead(r.status, { 'Content-Type': 'application/json' });
          return void res.end(JSON.stringify({ error: { message: `injected ${r.status}`, type: 'server_error' } }));
        }
        if (parsed.stream) {
          // Server-sent events, a few words per chunk, as OpenAI streams.
          res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
          const words = (r.content ?? '').split(/(?<= )/);
          const chunk = (delta: object, finish: string | null) =>
            `data: ${JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 0, model: parsed.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
          res.write(chunk({ role: 'assistant', content: '' }, null));
          for (let i = 0; i < words.length; i += 4) res.write(chunk({ content: words.slice(i, i + 4).join('') }, null));
          res.write(chunk({}, 'stop'));
          res.end('data: [DONE]\n\n');
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'chatcmpl-test',
            object: 'chat.completion',
            created: 0,
            model: parsed.model,
            choices: [{ index: 0, message: { role: 'assistant', content: r.content ?? '' }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
          }),
        );
      };
      if (r.delayMs) setTimeout(send, r.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
