// One voice test call in the page: microphone → capture worklet → socket (20 ms μ-law frames);
// socket → playback worklet (jitter buffer) → speakers; marks echoed when heard. The ticket comes
// from the API first (session + CSRF) and is the socket's first message. Nothing is recorded:
// frames pass through and are gone.
import type { TestCallTicket } from '../../../api';
import type { JitterReport } from './call-audio-dsp';
import workletUrl from './call-audio.worklet.ts?worker&url';

/** What the server tells the page (transports/browser/codec.ts). */
export type ServerMessage =
  | { type: 'started'; txId: string; maxSeconds: number; delivers: boolean }
  | { type: 'mark'; name: string }
  | { type: 'clear' }
  | { type: 'step'; node: string }
  | { type: 'heard'; text?: string; digit?: string }
  | { type: 'transfer'; target: string }
  | { type: 'ended'; reason: string };

export interface VoiceCallEvents {
  onMessage(message: ServerMessage): void;
  onJitter(report: JitterReport): void;
  /** The socket closed; `refused` = closed by policy before the call started (e.g. limit). */
  onClosed(reason: string, refused: boolean): void;
}

/** Test hook (browser tests): when the page sets it before the call, injected audio replaces the microphone. */
declare global {
  interface Window {
    __callflowInjectAudio?: boolean;
    /**
     * Set by the page in that case: inject speech, and what was sent and heard so far (`cleared`:
     * the ms of the bot's audio each barge-in dropped from the playback buffer).
     */
    __callflowVoiceCall?: {
      inject(samples8k: Float32Array): void;
      frames: number;
      played: string[];
      cleared: number[];
    };
  }
}

export class VoiceCall {
  private socket: WebSocket | undefined;
  private context: AudioContext | undefined;
  private stream: MediaStream | undefined;
  private playback: AudioWorkletNode | undefined;
  private started = false;

  constructor(private readonly events: VoiceCallEvents) {}

  /** Microphone first (the browser asks), then the ticket's socket. */
  async start(ticket: TestCallTicket): Promise<void> {
    const inject = window.__callflowInjectAudio === true;
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, channelCount: 1 },
    });
    const context = new AudioContext();
    this.context = context;
    await context.audioWorklet.addModule(workletUrl);
    // With the test hook the microphone is ignored from the first sample (a fake device's beeps
    // would otherwise barge in on the greeting).
    const capture = new AudioWorkletNode(context, 'callflow-capture', {
      numberOfOutputs: 0,
      processorOptions: { inject },
    });
    context.createMediaStreamSource(this.stream).connect(capture);
    const playback = new AudioWorkletNode(context, 'callflow-playback', { outputChannelCount: [1] });
    playback.connect(context.destination);
    this.playback = playback;
    if (inject) {
      const hook = {
        inject: (s: Float32Array) => capture.port.postMessage({ inject: s }),
        frames: 0,
        played: [] as string[],
        cleared: [] as number[],
      };
      window.__callflowVoiceCall = hook;
    }

    const url = new URL(ticket.socketPath, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'start', ticket: ticket.ticket }));
    socket.onmessage = (e: MessageEvent<ArrayBuffer | string>) => this.receive(e.data);
    socket.onclose = (e) => {
      this.events.onClosed(e.reason || String(e.code), e.code === 1008 && !this.started);
      void this.stop();
    };
    capture.port.onmessage = (e: MessageEvent<Uint8Array>) => {
      if (socket.readyState !== WebSocket.OPEN || !this.started) return;
      socket.send(e.data);
      if (window.__callflowVoiceCall) window.__callflowVoiceCall.frames++;
    };
    playback.port.onmessage = (
      e: MessageEvent<{ played?: string; report?: JitterReport; cleared?: number }>,
    ) => {
      if (e.data.played) {
        this.send({ type: 'played', name: e.data.played });
        window.__callflowVoiceCall?.played.push(e.data.played);
      }
      if (e.data.report) this.events.onJitter(e.data.report);
      if (e.data.cleared !== undefined) window.__callflowVoiceCall?.cleared.push(e.data.cleared);
    };
    await context.resume();
  }

  dtmf(digit: string): void {
    this.send({ type: 'dtmf', digit });
  }

  transfer(outcome: 'answered' | 'no-answer'): void {
    this.send({ type: 'transfer', outcome });
  }

  /** „Auflegen": the server ends the call and closes the socket. */
  hangup(): void {
    this.send({ type: 'hangup' });
  }

  async stop(): Promise<void> {
    this.socket?.close();
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
    const context = this.context;
    this.context = undefined;
    if (context && context.state !== 'closed') await context.close();
  }

  private receive(data: ArrayBuffer | string): void {
    if (typeof data !== 'string')
      return void this.playback?.port.postMessage({ frame: new Uint8Array(data) });
    const message = JSON.parse(data) as ServerMessage;
    if (message.type === 'started') this.started = true;
    if (message.type === 'mark') this.playback?.port.postMessage({ mark: message.name });
    if (message.type === 'clear') this.playback?.port.postMessage({ clear: true });
    this.events.onMessage(message);
  }

  private send(message: unknown): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }
}
