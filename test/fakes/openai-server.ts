// A fake of OpenAI's Chat Completions endpoint on 127.0.0.1, for the real `openai` SDK
// (`baseURL: fake.baseURL`). Speaks the wire protocol: JSON responses, SSE streaming
// (`data: {chunk}` … `data: [DONE]`), OpenAI-style error bodies. Tests script faults per request
// (status codes, malformed or truncated bodies, slow answers) and read what was sent.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { faultDie, type FaultRates } from './fault-dice.js';
import { defaultResponder, type ChatRequestBody, type Responder } from './openai-responder.js';

export type { ChatRequestBody, Responder } from './openai-responder.js';

export interface RecordedChatRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body (undefined if it was not JSON). */
  readonly body: ChatRequestBody | undefined;
  /** Latency instrumentation (epoch ms): request body read, response finished or connection closed. */
  readonly receivedEpoch?: number;
  respondedEpoch?: number;
}

export type FakeOpenAIBehaviour =
  /** Answer with the responder's content (or this one) after `delayMs`. */
  | { kind: 'reply'; content?: unknown; delayMs?: number; refusal?: string; finishReason?: 'stop' | 'length' }
  /** An OpenAI-style error with this HTTP status. */
  | { kind: 'status'; status: number; delayMs?: number }
  /** 200 with a body that is not JSON (in a stream: a chunk that is not JSON). */
  | { kind: 'malformed' }
  /** The headers promise more bytes than arrive; then the connection closes. */
  | { kind: 'truncated' }
  /** The connection is destroyed without any response. */
  | { kind: 'reset' }
  /** No answer at all until the client gives up (a timeout at the client). */
  | { kind: 'stall' };

export interface FakeOpenAIServer {
  /** `http://127.0.0.1:PORT/v1` — give it to the SDK as `baseURL`. */
  readonly baseURL: string;
  readonly requests: readonly RecordedChatRequest[];
  /** Scripts the next requests' behaviours, in order; afterwards the default applies. */
  enqueue(...behaviours: FakeOpenAIBehaviour[]): void;
  /** Replaces the content producer for plain replies. */
  setResponder(responder: Responder): void;
  /** Delay for every plain reply (ms). */
  setDelay(ms: number): void;
  /** How many requests got each random fault (`faults` option). */
  readonly injectedFaults: Readonly<Record<string, number>>;
  close(): Promise<void>;
}

/** Random faults per request (rates 0–1, reproducible by seed): `serverError` → 500, `timeout` → stall. */
export interface FakeOpenAIFaultOptions extends FaultRates<'serverError' | 'timeout'> {
  readonly seed?: number;
}

export interface FakeOpenAIOptions {
  responder?: Responder;
  delayMs?: number;
  /** Random faults when nothing is enqueued (off by default). */
  faults?: FakeOpenAIFaultOptions;
}

const COMPLETIONS_PATH = '/v1/chat/completions';

export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAIServer> {
  const requests: RecordedChatRequest[] = [];
  const queue: FakeOpenAIBehaviour[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const sockets = new Set<Socket>();
  let responder = opts.responder ?? defaultResponder;
  let delayMs = opts.delayMs ?? 0;
  let counter = 0;
  const die = faultDie(['serverError', 'timeout'] as const, opts.faults, opts.faults?.seed);
  const randomFault = (): FakeOpenAIBehaviour | undefined => {
    const kind = die.roll();
    if (kind === 'serverError') return { kind: 'status', status: 500 };
    return kind === 'timeout' ? { kind: 'stall' } : undefined;
  };

  const later = (ms: number, fn: () => void) => {
    if (ms <= 0) return fn();
    const t = setTimeout(() => (timers.delete(t), fn()), ms);
    timers.add(t);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const body = parseJson(raw) as ChatRequestBody | undefined;
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const recorded: RecordedChatRequest = {
      method: req.method ?? '',
      path,
      headers: { ...req.headers },
      body,
      receivedEpoch: performance.timeOrigin + performance.now(),
    };
    requests.push(recorded);
    res.once('close', () => (recorded.respondedEpoch = performance.timeOrigin + performance.now()));
    if (req.method !== 'POST' || path !== COMPLETIONS_PATH) return sendError(res, 404, 'not_found');
    if (!body || !Array.isArray(body.messages)) return sendError(res, 400, 'invalid_request_error');
    const behaviour = queue.shift() ?? randomFault() ?? { kind: 'reply' };
    const id = `chatcmpl-fake${++counter}`;
    switch (behaviour.kind) {
      case 'status':
        return later(behaviour.delayMs ?? 0, () =>
          sendError(res, behaviour.status, errorType(behaviour.status)),
        );
      case 'reset':
        return req.socket.destroy();
      case 'stall':
        return; // close() destroys the socket
      case 'malformed':
        return body.stream ? sendMalformedStream(res) : sendRaw(res, 200, '{"id": "x", "choices": [');
      case 'truncated':
        return sendTruncated(res, Boolean(body.stream));
      case 'reply': {
        const wait = behaviour.delayMs ?? delayMs;
        return later(wait, () => {
          if (res.destroyed) return;
          const produced = behaviour.content !== undefined ? behaviour.content : responder(body);
          const content = typeof produced === 'string' ? produced : JSON.stringify(produced);
          const finish = behaviour.finishReason ?? 'stop';
          if (body.stream) return sendStream(res, id, body, splitForStream(content), finish);
          sendRaw(res, 200, JSON.stringify(completion(id, body, content, finish, behaviour.refusal)));
        });
      }
    }
  };

  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...b) => void queue.push(...b),
    setResponder: (r) => void (responder = r),
    setDelay: (ms) => void (delayMs = ms),
    injectedFaults: die.counts,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function completion(id: string, body: ChatRequestBody, content: string, finish: string, refusal?: string) {
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model ?? 'fake',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: refusal ? null : content, refusal: refusal ?? null },
        logprobs: null,
        finish_reason: finish,
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

function chunk(id: string, body: ChatRequestBody, delta: Record<string, unknown>, finish: string | null) {
  return {
    id,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: body.model ?? 'fake',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  };
}

const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
};

/** SSE: a role chunk, content pieces, a finish chunk, then `[DONE]`. */
function sendStream(
  res: ServerResponse,
  id: string,
  body: ChatRequestBody,
  pieces: string[],
  finish: string,
): void {
  res.writeHead(200, SSE_HEADERS);
  res.write(`data: ${JSON.stringify(chunk(id, body, { role: 'assistant', content: '' }, null))}\n\n`);
  for (const p of pieces) res.write(`data: ${JSON.stringify(chunk(id, body, { content: p }, null))}\n\n`);
  res.write(`data: ${JSON.stringify(chunk(id, body, {}, finish))}\n\n`);
  res.end('data: [DONE]\n\n');
}

function sendMalformedStream(res: ServerResponse): void {
  res.writeHead(200, SSE_HEADERS);
  res.end('data: {"id": broken\n\ndata: [DONE]\n\n');
}

function splitForStream(content: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < content.length; i += 8) pieces.push(content.slice(i, i + 8));
  return pieces.length ? pieces : [''];
}

function sendTruncated(res: ServerResponse, stream: boolean): void {
  const partial = stream
    ? 'data: {"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"{\\"na'
    : '{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"{\\"na';
  res.writeHead(200, {
    'content-type': stream ? 'text/event-stream' : 'application/json',
    'content-length': String(partial.length + 500),
  });
  res.write(partial, () => setTimeout(() => res.socket?.destroy(), 10));
}

function sendRaw(res: ServerResponse, status: number, text: string): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, type: string): void {
  sendRaw(res, status, JSON.stringify({ error: { message: `fake ${type}`, type, param: null, code: type } }));
}

function errorType(status: number): string {
  if (status === 429) return 'rate_limit_exceeded';
  if (status >= 500) return 'server_error';
  if (status === 401) return 'invalid_api_key';
  return 'invalid_request_error';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
