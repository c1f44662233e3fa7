// What the engine adds to a caller's turn, measured from the inside: from the moment the turn
// is handed to the interpreter (end of turn detected, or a key pressed) to the first answer frame
// handed to the transport, minus the time spent waiting for providers on the way (the model's
// extraction, text-to-speech until its first audio). Counts and durations only.
//
// The caller-side benchmark (test/harness/latency.ts) measures the same thing from outside,
// including the sockets; this one attributes exactly, per call, even when many calls overlap.
import type { Clock } from '../ports/clock';

export interface TurnTiming {
  /** Turn handed to the interpreter → first answer frame sent. */
  readonly totalMs: number;
  /** Of that, waiting for providers (LLM extraction, TTS until first audio). */
  readonly providerMs: number;
  /** totalMs − providerMs: interpreter, our queues, timers and event-loop delays. */
  readonly engineMs: number;
}

export class TurnTimer {
  private open: { startedAt: number; providerMs: number } | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly report: (timing: TurnTiming) => void,
  ) {}

  /** A caller turn was handed to the interpreter; an unanswered earlier turn is dropped. */
  begin(): void {
    this.open = { startedAt: this.clock.now(), providerMs: 0 };
  }

  /** Time the turn spent waiting for a provider. */
  providerWait(ms: number): void {
    if (this.open) this.open.providerMs += ms;
  }

  /** An answer frame went to the transport: the first one after begin() closes the turn. */
  frameSent(): void {
    const open = this.open;
    if (!open) return;
    this.open = null;
    const totalMs = this.clock.now() - open.startedAt;
    this.report({ totalMs, providerMs: open.providerMs, engineMs: Math.max(0, totalMs - open.providerMs) });
  }

  /** The turn gets no answer audio (transfer, hangup, stream gone). */
  cancel(): void {
    this.open = null;
  }
}
