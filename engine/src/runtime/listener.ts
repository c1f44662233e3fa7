// Listening for one caller turn: a speech-to-text session opened only while the interpreter
// listens (or during a barge-in-able prompt), the silence timer, and end-of-turn: finals are
// joined until the caller has been quiet for `endOfTurnMs`. A failed recognizer is reopened
// once (`onRetry`); after a second fault the call continues "deaf" and `onGiveUp` tells the
// session, which hands the interpreter a `provider.fault` (apology and a person, or a goodbye).
import type { Clock, TimerHandle } from '../ports/clock';
import { isProviderError } from '../ports/provider-error';
import type { SpeechEvent, SpeechSession, SpeechToText } from '../ports/speech-to-text';

export interface ListenerDeps {
  readonly stt: SpeechToText;
  readonly clock: Clock;
  readonly languageCode: string;
  readonly endOfTurnMs: number;
  /** Caller started talking (barge-in candidate). */
  readonly onSpeechStart: () => void;
  /** The caller finished a turn. */
  readonly onTurn: (text: string) => void;
  readonly onSilence: () => void;
  readonly onFault: (code: string) => void;
  /** The recognizer is reopened after a fault (a provider retry, for metrics). */
  readonly onRetry?: () => void;
  /** The recognizer failed again after its restart: the caller cannot be understood any more. */
  readonly onGiveUp?: () => void;
}

export interface Listening {
  session: SpeechSession | null;
  readonly hints: readonly string[];
  finals: string[];
  speaking: boolean;
  silence: TimerHandle | null;
  endOfTurn: TimerHandle | null;
}

export class Listener {
  private current: Listening | null = null;
  private faults = 0;

  constructor(private readonly deps: ListenerDeps) {}

  get active(): boolean {
    return this.current !== null;
  }

  open(hints: readonly string[]): void {
    if (this.current) return;
    const l: Listening = {
      session: null,
      hints,
      finals: [],
      speaking: false,
      silence: null,
      endOfTurn: null,
    };
    this.current = l;
    this.connect(l);
  }

  write(frame: Uint8Array): void {
    this.current?.session?.write(frame);
  }

  /** Starts the `listen` timeout, unless the caller is already talking. */
  startSilenceTimer(ms: number): void {
    const l = this.current;
    if (!l || l.speaking || l.finals.length > 0 || l.silence) return;
    l.silence = this.deps.clock.setTimer(ms, () => {
      if (this.current !== l) return;
      this.stop();
      this.deps.onSilence();
    });
  }

  stop(): void {
    const l = this.current;
    if (!l) return;
    this.current = null;
    l.silence?.cancel();
    l.endOfTurn?.cancel();
    void l.session?.close().catch(() => {});
  }

  private connect(l: Listening): void {
    if (this.faults >= 2) return; // deaf: the recognizer failed twice in this call
    const session = this.deps.stt.open({ languageCode: this.deps.languageCode, phraseHints: l.hints });
    l.session = session;
    void this.consume(l, session);
  }

  private async consume(l: Listening, session: SpeechSession): Promise<void> {
    try {
      for await (const event of session.events) if (this.current === l) this.onEvent(l, event);
    } catch (error) {
      this.faults++;
      this.deps.onFault(isProviderError(error) ? `stt_fault_${error.code}` : 'stt_fault');
      if (this.faults === 2) this.deps.onGiveUp?.();
      if (this.current !== l || l.session !== session) return;
      l.session = null;
      if (this.faults >= 2) return;
      this.deps.onRetry?.();
      this.connect(l);
    }
  }

  private onEvent(l: Listening, event: SpeechEvent): void {
    if (event.type === 'speech.end') {
      l.speaking = false;
      return;
    }
    l.silence?.cancel();
    l.silence = null;
    if (event.type === 'speech.begin' || !event.isFinal) {
      if (event.type === 'speech.begin') l.speaking = true;
      l.endOfTurn?.cancel();
      l.endOfTurn = null;
      this.deps.onSpeechStart();
      return;
    }
    l.finals.push(event.text);
    l.speaking = false;
    l.endOfTurn?.cancel();
    l.endOfTurn = this.deps.clock.setTimer(this.deps.endOfTurnMs, () => {
      if (this.current !== l) return;
      const text = l.finals.join(' ');
      this.stop();
      this.deps.onTurn(text);
    });
  }
}
