// Listening for one caller turn: a speech-to-text session opened only while the interpreter
// listens (or during a barge-in-able prompt), the silence timer, and end-of-turn: after each
// final result the session says how long to wait for more (`endOfTurnWait`, 0 = the turn is
// over; turn-taking.ts), and the finals so far are joined into one utterance. A failed
// recognizer is reopened once (`onRetry`); after a second fault — or at once when it stalled,
// since it already restarted itself with the unsettled audio — the call continues "deaf" and
// `onGiveUp` tells the session, which hands the interpreter a `provider.fault` (apology and a
// person, or a goodbye).
import type { Clock, TimerHandle } from '../ports/clock';
import { isProviderError } from '../ports/provider-error';
import {
  RECOGNIZER_STALLED,
  type SpeechEvent,
  type SpeechSession,
  type SpeechToText,
} from '../ports/speech-to-text';

export interface ListenerDeps {
  readonly stt: SpeechToText;
  readonly clock: Clock;
  readonly languageCode: string;
  /** Quiet time after a final result before the turn is over, given the words so far (0 = now). */
  readonly endOfTurnWait: (text: string) => number;
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

  write(frame: Uint8Array, level?: number): void {
    this.current?.session?.write(frame, level);
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
      const deafBefore = this.faults >= 2;
      const stalled = isProviderError(error) && error.code === RECOGNIZER_STALLED;
      this.faults = stalled ? 2 : this.faults + 1;
      this.deps.onFault(isProviderError(error) ? `stt_fault_${error.code}` : 'stt_fault');
      if (!deafBefore && this.faults >= 2) this.deps.onGiveUp?.();
      if (this.current !== l || l.session !== session) return;
      l.session = null;
      if (this.faults >= 2) return;
      this.deps.onRetry?.();
      this.connect(l);
    }
  }

  private onEvent(l: Listening, event: SpeechEvent): void {
    if (event.type === 'stream.restarted') {
      // The recognizer went quiet and restarted itself with the unsettled audio: a retry, and
      // nothing was lost (a false alarm under load costs only the replay), so no fault.
      this.deps.onRetry?.();
      return;
    }
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
    l.endOfTurn = null;
    const wait = this.deps.endOfTurnWait(l.finals.join(' '));
    if (wait <= 0) return this.endTurn(l);
    l.endOfTurn = this.deps.clock.setTimer(wait, () => this.endTurn(l));
  }

  private endTurn(l: Listening): void {
    if (this.current !== l) return;
    const text = l.finals.join(' ');
    this.stop();
    this.deps.onTurn(text);
  }
}
