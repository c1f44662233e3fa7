// Plays the designer's voice test-call page over a real loopback socket, as the browser would
// after its worklet: 20 ms μ-law frames up, the bot's frames and marks down. By default a mark
// is echoed ("played") as soon as it arrives (an unpaced listener); `holdMarks` keeps them
// until `playAll()` — audio still playing, so caller speech can barge in. A `clear` drops what
// is buffered and echoes pending marks, as the page's jitter buffer does.
import WebSocket from 'ws';
import { FRAME_MS } from '../../engine/src/audio/frames';
import { silence, syntheticSpeech, toFrames } from '../../engine/src/audio/synthetic-speech';
import type { BrowserOutbound } from '../../engine/src/transports/browser/codec';

export interface BrowserCallerOptions {
  /** ws://127.0.0.1:port/api/voice-test/socket */
  readonly url: string;
  /** The session's Cookie header ('' = none). */
  readonly cookie: string;
  /** The page's Origin ('' = none). */
  readonly origin: string;
  readonly holdMarks?: boolean;
  /** Frames per 20 ms (10 = ten times faster than real time). */
  readonly speed?: number;
}

export class BrowserCaller {
  readonly messages: BrowserOutbound[] = [];
  /** Bot audio frames received (and when, performance.now()). */
  readonly frames: { at: number; bytes: number }[] = [];
  readonly echoed: string[] = [];
  private pending: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  /** The HTTP status when the upgrade was refused. */
  readonly refused: Promise<number | undefined>;
  private readonly ws: WebSocket;
  private readonly waiters = new Set<() => void>();
  /** performance.now() of the last voiced frame sent. */
  lastSpeechSentAt = 0;

  constructor(private readonly options: BrowserCallerOptions) {
    const headers: Record<string, string> = {};
    if (options.cookie) headers.Cookie = options.cookie;
    if (options.origin) headers.Origin = options.origin;
    this.ws = new WebSocket(options.url, { headers });
    this.refused = new Promise((resolve) => {
      this.ws.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      this.ws.on('open', () => resolve(undefined));
      this.ws.on('error', () => resolve(undefined));
    });
    this.closed = new Promise((resolve) => {
      this.ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.notify();
      });
      this.ws.on('error', () => resolve({ code: 1006, reason: 'error' }));
    });
    this.ws.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary));
  }

  opened(): Promise<boolean> {
    return this.refused.then((status) => status === undefined && this.ws.readyState === WebSocket.OPEN);
  }

  start(ticket: string): void {
    this.sendJson({ type: 'start', ticket });
  }

  sendJson(message: unknown): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  dtmf(digit: string): void {
    this.sendJson({ type: 'dtmf', digit });
  }

  transfer(outcome: 'answered' | 'no-answer'): void {
    this.sendJson({ type: 'transfer', outcome });
  }

  hangup(): void {
    this.sendJson({ type: 'hangup' });
  }

  /** Speech-like audio for `ms`, then `quietMs` of silence (the recognizer's end of speech). */
  async speak(ms: number, seed: number, quietMs = 400): Promise<void> {
    await this.sendAudio(syntheticSpeech(ms, { seed }));
    this.lastSpeechSentAt = performance.now();
    await this.sendAudio(silence(quietMs));
  }

  async sendAudio(audio: Uint8Array): Promise<void> {
    const speed = this.options.speed ?? 10;
    const frames = toFrames(audio);
    const start = performance.now();
    for (let i = 0; i < frames.length; i++) {
      if (this.ws.readyState !== WebSocket.OPEN) return;
      this.ws.send(frames[i]);
      const wait = start + ((i + 1) * FRAME_MS) / speed - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    }
  }

  /** Echo every held mark (the page played its buffer to the end). */
  playAll(): void {
    for (const name of this.pending.splice(0)) this.echo(name);
  }

  of<T extends BrowserOutbound['type']>(type: T): Extract<BrowserOutbound, { type: T }>[] {
    return this.messages.filter((m): m is Extract<BrowserOutbound, { type: T }> => m.type === type);
  }

  /** Resolves when `cond` holds (checked on every message); rejects after `timeoutMs`. */
  until(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!cond()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.messages.slice(-8))}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Marks heard to their end, as `node/prompt` (without the #n). */
  heardPrompts(): string[] {
    return this.echoed.map((m) => m.replace(/#\d+$/, ''));
  }

  close(): void {
    this.ws.close();
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (isBinary) this.frames.push({ at: performance.now(), bytes: data.length });
    else {
      const message = JSON.parse(data.toString('utf8')) as BrowserOutbound;
      this.messages.push(message);
      if (message.type === 'mark') {
        if (this.options.holdMarks) this.pending.push(message.name);
        else this.echo(message.name);
      }
      if (message.type === 'clear') this.playAll();
    }
    this.notify();
  }

  private echo(name: string): void {
    this.echoed.push(name);
    this.sendJson({ type: 'played', name });
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }
}
