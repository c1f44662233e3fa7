// A fake ElevenLabs HTTP API: POST /v1/text-to-speech/{voice}/stream answers with chunked
// speech-like μ-law whose length follows the text; GET /v1/voices lists the account's voices. It records every request (headers, query,
// body) so tests can check what the vendor would see, and injects latency and faults.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulawWavHeader } from '../../engine/src/providers/elevenlabs/wav-header';
import { seedOf } from '../../engine/src/providers/fake/text-to-speech';
import { speakingTimeMs, syntheticSpeech } from '../../engine/src/audio/synthetic-speech';
import { faultDie, type FaultRates } from './fault-dice';

export interface ElevenLabsFakeOptions {
  /** Expected xi-api-key; other keys get 401. */
  readonly apiKey?: string;
  readonly firstByteDelayMs?: number;
  /** Bytes per chunk (800 = 100 ms of audio). */
  readonly chunkBytes?: number;
  readonly chunkIntervalMs?: number;
  /** Prefix the audio with a RIFF/WAV header (the undocumented case). */
  readonly wavHeader?: boolean;
  /** Random faults per synthesis request (off by default); `failNext` takes precedence. */
  readonly faults?: ElevenLabsFaultOptions;
  /** The account's voices (GET /v1/voices); default FAKE_VOICES. */
  readonly voices?: readonly FakeVoice[];
}

/** A voice as GET /v1/voices lists it (the fields the picker reads, in the vendor's spelling). */
export interface FakeVoice {
  readonly voice_id: string;
  readonly name: string;
  readonly category?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** Made-up voices of a fake account: two German, one English. */
export const FAKE_VOICES: readonly FakeVoice[] = [
  { voice_id: 'voice-de', name: 'Greta', category: 'premade', labels: { gender: 'female', language: 'de' } },
  { voice_id: 'voice-de-2', name: 'Jonas', category: 'premade', labels: { gender: 'male', language: 'de' } },
  { voice_id: 'voice-en', name: 'Ada', category: 'cloned', labels: { gender: 'female', language: 'en' } },
];

/**
 * Rates 0–1 per request, reproducible by seed: `serverError` answers 503, `rateLimited` 429,
 * `stall` sends headers and never a byte, `reset` drops the connection mid-audio.
 */
export interface ElevenLabsFaultOptions extends FaultRates<
  'serverError' | 'rateLimited' | 'stall' | 'reset'
> {
  readonly seed?: number;
  /** Audio bytes sent before a `reset` (default 1600 = 200 ms). */
  readonly resetAfterBytes?: number;
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
  /** Latency instrumentation (epoch ms, performance.timeOrigin + now): request received, first audio byte written. */
  readonly receivedEpoch?: number;
  firstByteEpoch?: number;
  /** The fault this request was given, if any. */
  fault?: ElevenLabsFault['kind'];
}

export interface ElevenLabsFake {
  readonly baseUrl: string;
  readonly requests: readonly RecordedSynthesis[];
  failNext(fault: ElevenLabsFault): void;
  /**
   * Plays a plan without zero retention: from now on requests with `enable_logging=false` are
   * refused with this status (undefined: accepted again). What ElevenLabs really answers then is
   * unverified; any refusal must fall back like a voice fault.
   */
  refuseZeroRetention(status: number | undefined): void;
  /** Voice list requests (GET /v1/voices): the picker's cache should keep this low. */
  readonly voiceListRequests: number;
  /** How many requests got each random fault (`options.faults`). */
  readonly injectedFaults: Readonly<Record<string, number>>;
  close(): Promise<void>;
}

const STREAM_PATH = /^\/v1\/text-to-speech\/([^/]+)\/stream$/;

export async function startElevenLabsFake(options: ElevenLabsFakeOptions = {}): Promise<ElevenLabsFake> {
  const requests: RecordedSynthesis[] = [];
  const faults: ElevenLabsFault[] = [];
  let zeroRetentionRefusal: number | undefined;
  const die = faultDie(
    ['serverError', 'rateLimited', 'stall', 'reset'] as const,
    options.faults,
    options.faults?.seed,
  );
  const nextFault = (): ElevenLabsFault | undefined => {
    const scripted = faults.shift();
    if (scripted) return scripted;
    switch (die.roll()) {
      case 'serverError':
        return { kind: 'status', status: 503 };
      case 'rateLimited':
        return { kind: 'status', status: 429 };
      case 'stall':
        return { kind: 'stall' };
      case 'reset':
        return { kind: 'cut', afterBytes: options.faults?.resetAfterBytes ?? 1600 };
      default:
        return undefined;
    }
  };

  let voiceListRequests = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const isVoiceList = req.method === 'GET' && url.pathname === '/v1/voices';
    const match = req.method === 'POST' ? STREAM_PATH.exec(url.pathname) : null;
    if (!match && !isVoiceList) return json(res, 404, { detail: { status: 'not_found' } });
    const apiKey = header(req, 'xi-api-key');
    if (options.apiKey && apiKey !== options.apiKey)
      return json(res, 401, { detail: { status: 'invalid_api_key' } });
    if (isVoiceList) {
      voiceListRequests++;
      const scripted = faults.shift();
      if (scripted?.kind === 'status')
        return json(res, scripted.status, { detail: { status: 'injected_fault' } });
      return json(res, 200, { voices: options.voices ?? FAKE_VOICES });
    }
    if (!match) return;
    const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
    const record: RecordedSynthesis = {
      voiceId: decodeURIComponent(match[1]),
      apiKey,
      query: Object.fromEntries(url.searchParams),
      body,
      bytesSent: 0,
      aborted: false,
      receivedAt: performance.now(),
      receivedEpoch: performance.timeOrigin + performance.now(),
    };
    requests.push(record);
    if (zeroRetentionRefusal && record.query.enable_logging === 'false') {
      record.fault = 'status';
      return json(res, zeroRetentionRefusal, { detail: { status: 'zero_retention_not_available' } });
    }
    const fault = nextFault();
    record.fault = fault?.kind;
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
    refuseZeroRetention: (status) => void (zeroRetentionRefusal = status),
    get voiceListRequests() {
      return voiceListRequests;
    },
    injectedFaults: die.counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function streamAudio(
  req: IncomingMessage,
  res: ServerResponse,
  record: RecordedSynthesis,
  fault: ElevenLabsFault | undefined,
  options: ElevenLabsFakeOptions,
) {
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
  if (!gone) record.firstByteEpoch = performance.timeOrigin + performance.now();
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
