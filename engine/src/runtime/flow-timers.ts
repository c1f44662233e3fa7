// The timers a flow asks for (`timer.start` / `timer.cancel`: a step's time limit, the call's
// maximum length), by id: starting one again replaces it, and the call's end cancels them all.
import type { Clock, TimerHandle } from '../ports/clock';

export class FlowTimers {
  private readonly timers = new Map<string, TimerHandle>();

  constructor(private readonly clock: Clock) {}

  start(id: string, ms: number, fire: () => void): void {
    this.timers.get(id)?.cancel();
    this.timers.set(id, this.clock.setTimer(ms, fire));
  }

  cancel(id: string): void {
    this.timers.get(id)?.cancel();
    this.timers.delete(id);
  }

  cancelAll(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }
}
