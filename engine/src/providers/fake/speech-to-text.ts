// In-process SpeechToText fake: the same energy segmentation and scripted phrases as the fake
// Google server, without sockets. Used by runtime tests and benchmarks; scriptable faults.
import { ProviderError } from '../../ports/provider-error';
import type {
  SpeechEvent,
  SpeechSession,
  SpeechToText,
  SpeechToTextOptions,
} from '../../ports/speech-to-text';
import { EventQueue } from '../event-queue';
import { type SegmentEvent, SegmentRecognizer, type SegmentRecognizerOptions } from './segment-recognizer';

export interface FakeSpeechOptions extends SegmentRecognizerOptions {
  /** Delay before each event is delivered (recognizer latency). */
  readonly latencyMs?: number;
}

export interface FakeSpeechFault {
  readonly code: string;
  readonly retryable: boolean;
  /** Fails once the session has received this much audio. */
  readonly afterAudioMs?: number;
}

export interface FakeSessionRecord {
  readonly options: SpeechToTextOptions;
  audioMs: number;
  closed: boolean;
}

export class FakeSpeechToText implements SpeechToText {
  readonly sessions: FakeSessionRecord[] = [];
  private readonly phrases: string[] = [];
  private readonly faults: FakeSpeechFault[] = [];

  constructor(private readonly options: FakeSpeechOptions = {}) {}

  /** Words for the next detected speech segments, one phrase per segment. */
  say(...phrases: string[]): void {
    this.phrases.push(...phrases);
  }

  /** The next opened session fails like this. */
  failNextSession(fault: FakeSpeechFault): void {
    this.faults.push(fault);
  }

  open(options: SpeechToTextOptions): SpeechSession {
    const record: FakeSessionRecord = { options, audioMs: 0, closed: false };
    this.sessions.push(record);
    return new FakeSpeechSession(record, this.phrases, this.options, this.faults.shift());
  }
}

class FakeSpeechSession implements SpeechSession {
  readonly events = new EventQueue<SpeechEvent>();
  private readonly recognizer: SegmentRecognizer;
  private delivery = Promise.resolve();
  private closing: Promise<void> | null = null;

  constructor(
    private readonly record: FakeSessionRecord,
    phrases: string[],
    private readonly options: FakeSpeechOptions,
    private readonly fault: FakeSpeechFault | undefined,
  ) {
    this.recognizer = new SegmentRecognizer(phrases, (e) => this.deliver(toSpeechEvent(e)), options);
  }

  write(audio: Uint8Array): void {
    if (this.closing || this.events.ended) return;
    this.recognizer.push(audio);
    this.record.audioMs = this.recognizer.audioMs;
    if (this.fault && this.record.audioMs >= (this.fault.afterAudioMs ?? 0)) {
      const { code, retryable } = this.fault;
      this.events.fail(new ProviderError({ provider: 'fake', code, retryable }));
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.recognizer.flush();
      await this.delivery;
      this.record.closed = true;
      this.events.end();
    })();
    return this.closing;
  }

  private deliver(event: SpeechEvent): void {
    const latency = this.options.latencyMs ?? 0;
    if (latency <= 0 && !this.closing) return this.events.push(event);
    // Each event is due `latency` after it happened; the chain keeps the order.
    const due = performance.now() + latency;
    this.delivery = this.delivery
      .then(() => new Promise<void>((r) => setTimeout(r, Math.max(0, due - performance.now()))))
      .then(() => this.events.push(event));
  }
}

function toSpeechEvent(e: SegmentEvent): SpeechEvent {
  switch (e.type) {
    case 'begin':
      return { type: 'speech.begin', atMs: e.atMs };
    case 'end':
      return { type: 'speech.end', atMs: e.atMs };
    case 'interim':
      return { type: 'transcript', text: e.text, isFinal: false, stability: 0.8, endMs: e.atMs };
    case 'final':
      return { type: 'transcript', text: e.text, isFinal: true, endMs: e.atMs };
  }
}
