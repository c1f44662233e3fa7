// A fake ElevenLabs HTTP API: POST /v1/text-to-speech/{voice}/stream answers with chunked
// speech-like μ-law whose length follows the text. It records every request (headers, query,
// body) so tests can check what the vendor would see, and injects latency and faults.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulawWavHeader } from '../../engine/src/providers/elevenlabs/wav-header';
import { seedOf } from '../../engine/src/providers/fake/text-to-speech';
import { speakingTimeMs, syntheticSpeech } from '../../engine/src/transports/twilio/synthetic-speech';

export interface ElevenLabsFakeOptions {
  /** Expected xi-api-key; other keys get 401. */
  readonly apiKey?: string;
  readonly firstByteDelayMs?: number;
  /** Bytes per chunk (800 = 100 ms of audio). */
  readonly chunkBytes?: number;
  readonly chunkIntervalMs?: number;
  /** Prefix the audio with a RIFF/WAV header (the undocumented case). */
  readonly wavHeader?: boolean;
}

export type ElevenLabsFault =
  | { readonly kind: 'status'; readonly status: number }
  /** Headers go out, then nothing (a hung vendor). */
  | { readonly kind: 'stall' }
  /** The connection drops after this many audio bytes. */
  | { readonly kind: 'cut'; readonly afterBytes: number };

export interface RecordedSynthesis {
  readonly voiceId: string;
  readonly apiKey: string | undefined;
  readonly query: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, unknown>>;
  /** Audio bytes actually sent. */
  bytesSent: number;
  /** The client went away before the audio was complete (barge-in). */
  aborted: boolean;
  readonly receivedAt: number;
}

export interface ElevenLabsFake {
  readonly baseUrl: string;
  readonly requests: readonly RecordedSynthesis[];
  failNext(fault: ElevenLabsFault): void;
  close(): Promise<void>;
}

const STREAM_PATH = /^\/v1\/text-to-speech\/([^/]+)\/stream$/;

export async function startElevenLabsFake(options: ElevenLabsFakeOptions = {}): Promise<ElevenLabsFake> {
  const requests: RecordedSynthesis[] = [];
  const faults: ElevenLabsFault[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const match = req.method === 'POST' ? STREAM_PATH.exec(url.pathname) : null;
    if (!match) return json(res, 404, { detail: { status: 'not_found' } });
    const apiKey = header(req, 'xi-api-key');
    if (options.apiKey && apiKey !== options.apiKey) return json(res, 401, { detail: { status: 'invalid_api_key' } });
    const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
    const record: RecordedSynthesis = {
      voiceId: decodeURIComponent(match[1]),
      apiKey,
      query: Object.fromEntries(url.searchParams),
      body,
      bytesSent: 0,
      aborted: false,
      receivedAt: performance.now(),
    };
    requests.push(record);
    const fault = faults.shift();
    if (fault?.kind === 'status') return json(res, fault.status, { detail: { status: 'injected_fault' } });
    await streamAudio(req, res, record, fault, options);
  };

  const server: Server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    failNext: (fault) => void faults.push(fault),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function streamAudio(req: IncomingMessage, res: ServerResponse, record: RecordedSynthesis, fault: ElevenLabsFault | undefined, options: ElevenLabsFakeOptions) {
  const text = String(record.body.text ?? '');
  const audio = syntheticSpeech(speakingTimeMs(text), { seed: seedOf(text) });
  let gone = false;
  res.on('close', () => {
    gone = true;
    if (record.bytesSent < audio.length) record.aborted = true;
  });
  res.writeHead(200, { 'content-type': 'audio/basic', 'transfer-encoding': 'chunked' });
  res.flushHeaders();
  if (fault?.kind === 'stall') return; // never a byte; the client must time out
  await sleep(options.firstByteDelayMs ?? 0);
  if (options.wavHeader && !gone) res.write(mulawWavHeader(audio.length));
  const chunk = options.chunkBytes ?? 800;
  for (let offset = 0; offset < audio.length && !gone; offset += chunk) {
    if (fault?.kind === 'cut' && offset >= fault.afterBytes) return void req.socket.destroy();
    const part = audio.subarray(offset, offset + chunk);
    res.write(part);
    record.bytesSent += part.length;
    if (options.chunkIntervalMs) await sleep(options.chunkIntervalMs);
  }
  if (!gone) res.end();
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
