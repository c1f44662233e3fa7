// What the caller has not heard yet: prompts sent whose mark the transport has not echoed, in
// order. The session waits on it before it listens, transfers or hangs up ("after playback"),
// asks it whether barge-in is allowed (only while every prompt still to be heard allows it; the
// disclosure never does), and asks it since when the caller has been in silence.

interface Unheard {
  readonly promptId: string;
  readonly bargeIn: boolean;
}

export class UnheardPrompts {
  private prompts: Unheard[] = [];
  private waiters: (() => void)[] = [];
  /** When the caller had heard every prompt (the mark echo that emptied the list)… */
  private allHeardAt = 0;
  /** …and whether audio went out after that. */
  private audioSinceAllHeard = false;

  constructor(private readonly now: () => number) {}

  /** A prompt goes out: heard once its mark comes back. */
  add(promptId: string, bargeIn: boolean): void {
    this.prompts.push({ promptId, bargeIn });
  }

  /** A prompt heard before `first` (or last, when `first` is not waiting to be heard): the filler. */
  addBefore(first: string | null, promptId: string): void {
    const at = this.prompts.findIndex((p) => p.promptId === first);
    this.prompts.splice(at < 0 ? this.prompts.length : at, 0, { promptId, bargeIn: false });
  }

  /** A frame went to the caller. */
  audioSent(): void {
    this.audioSinceAllHeard = true;
  }

  /**
   * The transport echoed the mark of `promptId`: it and everything before it are heard. Returns
   * whether it was waiting to be heard, and whether the caller has now heard everything.
   */
  heard(promptId: string): { known: boolean; everything: boolean } {
    const index = this.prompts.findIndex((p) => p.promptId === promptId);
    if (index < 0) return { known: false, everything: false };
    this.prompts.splice(0, index + 1);
    if (this.prompts.length > 0) return { known: true, everything: false };
    this.allHeardAt = this.now();
    this.audioSinceAllHeard = false;
    this.release();
    return { known: true, everything: true };
  }

  /** A prompt that will never be heard (its synthesis failed). */
  drop(promptId: string): void {
    this.prompts = this.prompts.filter((p) => p.promptId !== promptId);
    if (this.prompts.length === 0) this.release();
  }

  /** Nothing queued will be heard (barge-in, the stream gone, the call over). */
  clear(): void {
    this.prompts = [];
    this.release();
  }

  get bargeInAllowed(): boolean {
    return this.prompts.length > 0 && this.prompts.every((p) => p.bargeIn);
  }

  /** Resolves once the caller has heard everything sent (at once when nothing is unheard). */
  whenHeard(): Promise<void> {
    if (this.prompts.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Clock time at which the caller has heard (or will have heard) all audio sent: the pacer's
   * real-time `estimate`, unless the transport already echoed the last mark sooner (it plays
   * faster than real time, like the test harness) and nothing went out since.
   */
  heardEverythingAt(estimate: number): number {
    return this.audioSinceAllHeard ? estimate : Math.min(estimate, this.allHeardAt);
  }

  /** Lets every waiter go (what they wait for is over, one way or another). */
  release(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
