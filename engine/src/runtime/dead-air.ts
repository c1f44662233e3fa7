// No dead air while a provider keeps the caller waiting. Once the caller has heard nothing for
// `fillerAfterMs` and an answer still depends on a provider (text-to-speech before its first
// audio, the LLM's extraction), the cached filler plays ("Einen Moment, bitte."), at most once
// per caller turn. When the silence after it (or, if none could play, the silence so far)
// reaches `giveUpAfterMs` — but never sooner than `giveUpAfterMs` after the provider was asked —
// the provider is given up and its existing fallback runs: TTS → the cached apology and a
// person, LLM → the deterministic path. Only after the caller's first turn: nothing may come
// before the AI disclosure, and until then the vendors' own timeouts apply.
import type { Clock, TimerHandle } from '../ports/clock';
import type { TurnTaking } from './turn-taking';

/** What an answer waits for. */
export type AwaitedProvider = 'tts' | 'llm';

export interface DeadAirDeps {
  readonly clock: Clock;
  readonly settings: Pick<TurnTaking, 'fillerAfterMs' | 'giveUpAfterMs'>;
  /** Clock time from which the caller hears nothing: the later of the turn's start and the end of queued audio. */
  readonly silentSince: () => number;
  /** Plays the cached filler for a wait on `provider`; false when there is none to play. */
  readonly playFiller: (provider: AwaitedProvider) => boolean;
}

interface Wait {
  readonly provider: AwaitedProvider;
  readonly giveUp: () => void;
  /** Clock time the provider was asked. */
  readonly since: number;
}

export class DeadAirGuard {
  private readonly waits = new Set<Wait>();
  private timer: TimerHandle | null = null;
  private armed = false;
  private fillerDone = false;

  constructor(private readonly deps: DeadAirDeps) {}

  /** The caller's turn was handed on: a filler may play (again) for what follows. */
  callerTurn(): void {
    this.armed = true;
    this.fillerDone = false;
    this.schedule();
  }

  /** An answer waits for `provider`; `giveUp` abandons that wait. Call the returned function when it is over. */
  await(provider: AwaitedProvider, giveUp: () => void): () => void {
    const wait = { provider, giveUp, since: this.deps.clock.now() };
    this.waits.add(wait);
    this.schedule();
    return () => {
      if (this.waits.delete(wait) && this.waits.size === 0) this.cancel();
    };
  }

  /** The caller has heard every prompt (a mark echo): their silence may have begun sooner than estimated. */
  heardEverything(): void {
    this.schedule();
  }

  /** The call ended or lost its stream: nothing is watched any more. */
  stop(): void {
    this.armed = false;
    this.waits.clear();
    this.cancel();
  }

  /** When `wait` is given up: a bounded silence, and never before the provider had its own bound. */
  private giveUpAt(wait: Wait, silentSince: number): number {
    return Math.max(silentSince, wait.since) + this.deps.settings.giveUpAfterMs;
  }

  private schedule(): void {
    this.cancel();
    if (!this.armed || this.waits.size === 0) return;
    const silentSince = this.deps.silentSince();
    const due = this.fillerDone
      ? Math.min(...[...this.waits].map((w) => this.giveUpAt(w, silentSince)))
      : silentSince + this.deps.settings.fillerAfterMs;
    this.timer = this.deps.clock.setTimer(Math.max(0, due - this.deps.clock.now()), () => this.check());
  }

  private check(): void {
    this.timer = null;
    const first = this.waits.values().next().value;
    if (!this.armed || !first) return;
    const now = this.deps.clock.now();
    const silentSince = this.deps.silentSince();
    if (!this.fillerDone) {
      // Still audio playing (or it started again): look again when it has run out.
      if (now - silentSince < this.deps.settings.fillerAfterMs) return this.schedule();
      this.fillerDone = true; // played, or there is none: the next stop is the give-up
      this.deps.playFiller(first.provider);
      return this.schedule();
    }
    for (const w of [...this.waits]) {
      if (now < this.giveUpAt(w, silentSince)) continue;
      this.waits.delete(w);
      w.giveUp();
    }
    this.schedule();
  }

  private cancel(): void {
    this.timer?.cancel();
    this.timer = null;
  }
}
