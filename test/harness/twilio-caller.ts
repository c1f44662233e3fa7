// Acts like Twilio and a caller at once, over real sockets: signs the voice webhook, opens
// the Media Streams WebSocket, streams 20 ms μ-law frames (speech-like audio, silence, DTMF),
// and records everything the engine sends back with its arrival time. Like Twilio it echoes
// each `mark` once the audio sent before it has "played", and on `clear` drops the buffered
// audio and echoes pending marks at once. Used by end-to-end tests and the load test.
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { twilioSignature } from '../../engine/src/providers/twilio/signature';
import { FRAME_MS } from '../../engine/src/audio/frames';
import { silence, syntheticSpeech, toFrames } from '../../engine/src/audio/synthetic-speech';
import { SharedTick } from './shared-tick';
import {
  inboundMediaMessage,
  mediaPayload,
  parseStream,
  ReceivedMedia,
  type Received,
  type WebhookAnswer,
} from './twilio-wire';

export interface TwilioCallerOptions {
  /** Where the engine listens, e.g. http://127.0.0.1:8787. */
  readonly serverUrl: string;
  /** The public base URL the engine is configured with (what Twilio signs). Default serverUrl. */
  readonly publicBaseUrl?: string;
  readonly authToken: string;
  readonly accountSid?: string;
  readonly from?: string;
  /** The called number: selects the published flow. */
  readonly to: string;
  readonly voicePath?: string;
  /** 1 = real time (what Twilio does); 10 = ten times faster; Infinity = no pacing. */
  readonly speed?: number;
  /** Sign with this token instead (to test rejection). */
  readonly signWithToken?: string;
  /** Another socket of an existing call (a replayed stream token); default a fresh CallSid. */
  readonly callSid?: string;
}

export class TwilioCaller {
  readonly callSid: string;
  readonly streamSid = `MZ${randomBytes(16).toString('hex')}`;
  readonly accountSid: string;
  /** Everything the engine sent on the media socket, in arrival order (ms on performance.now()). */
  readonly received: Received[] = [];
  /** Marks echoed back to the engine, with the time of the echo. */
  readonly echoedMarks: { readonly name: string; readonly at: number }[] = [];
  /** When our last voiced frame went out (for "engine-added latency"). */
  lastSpeechSentAt = 0;
  private socket: WebSocket | null = null;
  private sequence = 0;
  private chunk = 0;
  private streamStartedAt = 0;
  private playoutEnd = 0;
  private pendingMarks: { name: string; timer: NodeJS.Timeout }[] = [];
  private listeners: (() => void)[] = [];
  private closedPromise: Promise<{ code: number }> | null = null;

  constructor(private readonly options: TwilioCallerOptions) {
    this.callSid = options.callSid ?? `CA${randomBytes(16).toString('hex')}`;
    this.accountSid = options.accountSid ?? 'AC00000000000000000000000000000001';
  }

  private get speed(): number {
    return this.options.speed ?? 1;
  }

  /** Step 1, like Twilio on an incoming call: POST the signed voice webhook. */
  async placeCall(extra: Record<string, string> = {}): Promise<WebhookAnswer> {
    const path = this.options.voicePath ?? '/twilio/voice';
    const params: Record<string, string> = {
      AccountSid: this.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: this.callSid,
      CallStatus: 'ringing',
      Direction: 'inbound',
      From: this.options.from ?? '+4915112345678',
      To: this.options.to,
      ...extra,
    };
    const publicUrl = (this.options.publicBaseUrl ?? this.options.serverUrl) + path;
    const signature = twilioSignature(
      this.options.signWithToken ?? this.options.authToken,
      publicUrl,
      params,
    );
    const res = await fetch(this.options.serverUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    const body = await res.text();
    return { status: res.status, body, stream: parseStream(body) };
  }

  /**
   * Step 2: open the media socket and send `connected` + `start`. `url` defaults to the
   * TwiML's stream URL with the public base swapped for the server's own address.
   */
  async connect(
    answer: WebhookAnswer,
    overrides: { url?: string; parameters?: Record<string, string> } = {},
  ): Promise<void> {
    const url = overrides.url ?? this.internalUrl(answer.stream?.url ?? '');
    const socket = new WebSocket(url);
    this.socket = socket;
    this.closedPromise = new Promise((resolve) => socket.on('close', (code) => resolve({ code })));
    socket.on('message', (data) => this.onMessage(String(data)));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    this.streamStartedAt = performance.now();
    this.send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
    this.send({
      event: 'start',
      sequenceNumber: this.nextSequence(),
      start: {
        accountSid: this.accountSid,
        streamSid: this.streamSid,
        callSid: this.callSid,
        tracks: ['inbound'],
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
        customParameters: overrides.parameters ?? answer.stream?.parameters ?? {},
      },
      streamSid: this.streamSid,
    });
  }

  /** Speaks `ms` of synthetic speech (paced as configured). */
  speak(ms: number, seed = 1): Promise<void> {
    return this.sendAudio(syntheticSpeech(ms, { seed }));
  }

  /** Stays silent for `ms` (Twilio keeps sending silence frames), or until `until()` turns true. */
  pause(ms: number, until?: () => boolean): Promise<void> {
    return this.sendAudio(silence(ms), until);
  }

  /** Sends any μ-law audio as 20 ms frames, paced like a phone line at the configured speed; stops early once `until()` is true. */
  async sendAudio(audio: Uint8Array, until?: () => boolean): Promise<void> {
    const frames = toFrames(audio);
    const start = performance.now();
    const tick = Number.isFinite(this.speed) ? SharedTick.every(FRAME_MS / this.speed) : undefined;
    for (let i = 0; i < frames.length; i++) {
      if (!this.open || until?.()) return;
      this.sendFrame(frames[i]);
      if (tick) {
        // Drift-corrected: frame i+1 is due (i+1)·20 ms/speed after the first; a late tick
        // sends every frame that is due by then.
        const due = start + ((i + 1) * FRAME_MS) / this.speed;
        while (due - performance.now() > 1) await tick.next();
      } else if (i % 50 === 49) await sleep(0);
    }
  }

  dtmf(digit: string): void {
    this.send({
      event: 'dtmf',
      streamSid: this.streamSid,
      sequenceNumber: this.nextSequence(),
      dtmf: { track: 'inbound_track', digit },
    });
  }

  /** The caller hangs up: Twilio sends `stop` and closes the socket. */
  async hangup(): Promise<void> {
    if (!this.open) return;
    this.send({
      event: 'stop',
      sequenceNumber: this.nextSequence(),
      streamSid: this.streamSid,
      stop: { accountSid: this.accountSid, callSid: this.callSid },
    });
    this.socket?.close(1000);
    await this.closed();
  }

  /** The line breaks: the TCP connection is cut without `stop` or a close frame (network loss). */
  async drop(): Promise<void> {
    this.socket?.terminate();
    await this.closed();
  }

  /** Resolves when the socket is closed (by either side). */
  closed(): Promise<{ code: number }> {
    return this.closedPromise ?? Promise.resolve({ code: 0 });
  }

  get open(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Media frames received so far. */
  get mediaFrames(): Extract<Received, { event: 'media' }>[] {
    return this.received.filter((r): r is Extract<Received, { event: 'media' }> => r.event === 'media');
  }

  /** Resolves with the first received message (past or future) matching the predicate. */
  waitFor(predicate: (r: Received) => boolean, timeoutMs = 30_000): Promise<Received> {
    const found = this.received.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== check);
        reject(new Error(`TwilioCaller: nothing matching within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        const hit = this.received.find(predicate);
        if (!hit) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== check);
        resolve(hit);
      };
      this.listeners.push(check);
    });
  }

  waitForMedia(after = 0, timeoutMs?: number) {
    return this.waitFor((r) => r.event === 'media' && r.at >= after, timeoutMs);
  }

  waitForMark(name?: string, timeoutMs?: number) {
    return this.waitFor((r) => r.event === 'mark' && (name === undefined || r.name === name), timeoutMs);
  }

  waitForClear(after = 0, timeoutMs?: number) {
    return this.waitFor((r) => r.event === 'clear' && r.at >= after, timeoutMs);
  }

  private sendFrame(frame: Uint8Array): void {
    const now = performance.now();
    if (!isSilence(frame)) this.lastSpeechSentAt = now;
    this.chunk++;
    if (!this.open) return;
    this.socket?.send(
      inboundMediaMessage(this.streamSid, this.nextSequence(), this.chunk, now - this.streamStartedAt, frame),
    );
  }

  private onMessage(text: string): void {
    const at = performance.now();
    const payload = mediaPayload(text);
    if (payload !== undefined) {
      this.onMedia(at, payload);
      for (const l of [...this.listeners]) l();
      return;
    }
    let msg: { event?: string; media?: { payload?: string }; mark?: { name?: string } };
    try {
      msg = JSON.parse(text);
    } catch {
      msg = {};
    }
    if (msg.event === 'media' && typeof msg.media?.payload === 'string') this.onMedia(at, msg.media.payload);
    else if (msg.event === 'mark' && msg.mark?.name) {
      this.received.push({ at, event: 'mark', name: msg.mark.name });
      this.scheduleMarkEcho(msg.mark.name, at);
    } else if (msg.event === 'clear') {
      this.received.push({ at, event: 'clear' });
      this.onClear();
    } else this.received.push({ at, event: 'other', raw: text.slice(0, 200) });
    for (const l of [...this.listeners]) l();
  }

  /** A frame to play: it adds 20 ms (at the configured speed) to what is buffered. */
  private onMedia(at: number, payload: string): void {
    this.received.push(new ReceivedMedia(at, payload));
    this.playoutEnd =
      Math.max(this.playoutEnd, at) + FRAME_MS / (Number.isFinite(this.speed) ? this.speed : 1000);
  }

  /** Twilio echoes a mark when the audio queued before it has played. */
  private scheduleMarkEcho(name: string, now: number): void {
    const entry = { name, timer: setTimeout(() => this.echoMark(entry), Math.max(0, this.playoutEnd - now)) };
    this.pendingMarks.push(entry);
  }

  private echoMark(entry: { name: string; timer: NodeJS.Timeout }): void {
    this.pendingMarks = this.pendingMarks.filter((m) => m !== entry);
    if (!this.open) return;
    this.echoedMarks.push({ name: entry.name, at: performance.now() });
    this.send({
      event: 'mark',
      sequenceNumber: this.nextSequence(),
      streamSid: this.streamSid,
      mark: { name: entry.name },
    });
  }

  /** `clear` empties Twilio's buffer; pending marks are echoed right away. */
  private onClear(): void {
    this.playoutEnd = performance.now();
    for (const m of [...this.pendingMarks]) {
      clearTimeout(m.timer);
      this.echoMark(m);
    }
  }

  private send(message: object): void {
    if (this.open) this.socket?.send(JSON.stringify(message));
  }

  private nextSequence(): string {
    this.sequence++;
    return String(this.sequence);
  }

  private internalUrl(publicUrl: string): string {
    const base = this.options.publicBaseUrl ?? this.options.serverUrl;
    const wsPublic = base.replace(/^http/, 'ws');
    const wsInternal = this.options.serverUrl.replace(/^http/, 'ws');
    return publicUrl.startsWith(wsPublic) ? wsInternal + publicUrl.slice(wsPublic.length) : publicUrl;
  }
}

function isSilence(frame: Uint8Array): boolean {
  for (let i = 0; i < frame.length; i++) if (frame[i] !== 0xff) return false;
  return true;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
