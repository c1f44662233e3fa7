// A tolerant caller for fault runs: it says its lines as far as the engine lets them and records
// how the call ended (load/verify.ts ObservedCall). It plays Twilio's part around the call too:
// on a REST hangup it leaves the stream; on a <Dial> it leaves the stream while the call stays
// up, then posts the dial callback — answered, or no answer and it follows the resume stream.
import type { TwilioRestFake } from '../test/fakes/twilio-rest-server';
import { TwilioCaller } from '../test/harness/twilio-caller';
import type { CallTarget } from './call-runner';
import type { CallScript } from './scripts';
import { updateKind, type ObservedCall } from './verify';

export interface CallerOptions {
  readonly turns?: number;
  readonly boundMs: number;
  readonly clock: () => number;
  readonly rest: TwilioRestFake;
  /** Whether the person rings through when the call is handed over (else: no answer). */
  readonly answers: boolean;
  /** Press 0 after the greeting instead of speaking. */
  readonly pressZero: boolean;
}

/**
 * One call that goes along with whatever the engine does; reports how it ended. It plays
 * Twilio's part of a handoff too: after a <Dial> update it leaves the stream (the call is still
 * live), then posts the dial callback — answered, or no answer and it follows the new stream.
 */
export async function toleratingCall(
  target: CallTarget,
  script: CallScript,
  o: CallerOptions,
): Promise<ObservedCall> {
  const caller = new TwilioCaller({ ...target, to: target.number, speed: 1 });
  const startedAtMs = o.clock();
  let handoff: ObservedCall['handoff'];
  const done = (endedBy: ObservedCall['endedBy']): ObservedCall => ({
    callSid: caller.callSid,
    startedAtMs,
    endedAtMs: o.clock(),
    endedBy,
    frames: line.frames,
    ...(handoff ? { handoff } : {}),
  });
  const line = new LineWatcher(caller, o.rest, startedAtMs + o.boundMs, o.clock);
  const answer = await caller.placeCall().catch(() => undefined);
  if (answer?.status !== 200 || !answer.stream) return done('refused');
  if (
    !(await caller.connect(answer).then(
      () => true,
      () => false,
    ))
  )
    return done('refused');
  const turns = script.turns.slice(0, o.turns ?? script.turns.length);
  // A shortened script hangs up once the answer to its last line starts (keeps test calls short).
  const cut = turns.length < script.turns.length;
  let next = 0;
  let since = 0;
  let pressed = false;
  for (;;) {
    const state = await line.untilPromptPlayed(
      since,
      cut && !pressed && next >= turns.length && turns.length > 0,
    );
    if (state === 'played' && (pressed || o.pressZero)) {
      // Pressed 0: hear the engine out — it announces, transfers, and (not answered) goes on.
      if (!pressed) caller.dtmf('0');
      pressed = true;
      since = performance.now();
    } else if (state === 'played' && next >= turns.length) {
      // The whole script said: the engine's goodbye was the last prompt — give it time to hang up.
      if (!cut && (await line.endedWithin(3000))) return done('server');
      await caller.hangup().catch(() => undefined);
      return done('caller-done');
    } else if (state === 'played') {
      const turn = turns[next++];
      await caller.pause(200);
      await caller.speak(turn.speakMs, turn.seed);
      since = caller.lastSpeechSentAt;
    } else if (state === 'transferred') {
      handoff = await dialCallback(caller, target, o, handoff === undefined && o.answers);
      if (handoff !== 'resumed') return done('server');
      since = performance.now();
    } else if (state === 'bound') {
      await caller.hangup().catch(() => undefined);
      return done('caller-gave-up');
    } else return done('server');
  }
}

/** Twilio after a <Dial>: the stream goes, the call stays up, then DialCallStatus comes back. */
async function dialCallback(
  caller: TwilioCaller,
  target: CallTarget,
  o: CallerOptions,
  answered: boolean,
): Promise<NonNullable<ObservedCall['handoff']>> {
  o.rest.setCallStatus(caller.callSid, 'in-progress');
  await caller.hangup().catch(() => undefined);
  await sleep(300); // the engine asks Twilio whether the call is still up, then parks it
  const callback = new TwilioCaller({ ...target, to: target.number, voicePath: '/twilio/dial-action' });
  const reply = await callback
    .placeCall({ CallSid: caller.callSid, DialCallStatus: answered ? 'completed' : 'no-answer' })
    .catch(() => undefined);
  if (
    !answered &&
    reply?.stream &&
    (await caller.connect(reply).then(
      () => true,
      () => false,
    ))
  )
    return 'resumed';
  o.rest.setCallStatus(caller.callSid, 'completed');
  return answered ? 'answered' : 'apology';
}

/** Follows what the caller receives, without keeping the audio. */
class LineWatcher {
  frames = 0;
  private marks = 0;
  private lastMediaAt = 0;
  private updatesSeen = 0;

  constructor(
    private readonly caller: TwilioCaller,
    private readonly rest: TwilioRestFake,
    private readonly deadline: number,
    private readonly clock: () => number,
  ) {}

  /**
   * Silence on the line until the next prompt has played (media after `since`, all marks
   * echoed, 300 ms quiet — or only begun, with `firstFrameOnly`), the engine updates the call by REST (a <Dial>: transferred; a
   * hangup: Twilio ends the call), the socket closes, or the bound passes.
   */
  async untilPromptPlayed(
    since: number,
    firstFrameOnly = false,
  ): Promise<'played' | 'transferred' | 'ended' | 'bound'> {
    for (;;) {
      this.drain();
      const update = this.newUpdate();
      if (update && updateKind(update.params) === 'dial') return 'transferred';
      if (update) {
        this.rest.setCallStatus(this.caller.callSid, 'completed');
        await this.caller.hangup().catch(() => undefined);
        return 'ended';
      }
      if (!this.caller.open) return 'ended';
      const now = performance.now();
      if (firstFrameOnly && this.lastMediaAt > since) return 'played';
      if (
        this.lastMediaAt > since &&
        this.marks > 0 &&
        this.caller.echoedMarks.length >= this.marks &&
        now - this.lastMediaAt > 300
      )
        return 'played';
      if (this.clock() > this.deadline) return 'bound';
      await this.caller.pause(100);
    }
  }

  /** Whether the engine ends the call (REST update or closed socket) within `ms`. */
  async endedWithin(ms: number): Promise<boolean> {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      this.drain();
      const update = this.newUpdate();
      if (update && updateKind(update.params) === 'dial') {
        this.updatesSeen--; // not an ending; the caller hangs up on it (the engine then ends the call)
        return false;
      }
      if (update) {
        this.rest.setCallStatus(this.caller.callSid, 'completed');
        await this.caller.hangup().catch(() => undefined);
        return true;
      }
      if (!this.caller.open) return true;
      await this.caller.pause(100);
    }
    return false;
  }

  private newUpdate() {
    const mine = this.rest.updates.filter((u) => u.callSid === this.caller.callSid);
    if (mine.length <= this.updatesSeen) return undefined;
    return mine[this.updatesSeen++];
  }

  private drain(): void {
    for (const r of this.caller.received) {
      if (r.event === 'media') {
        this.frames++;
        this.lastMediaAt = r.at;
      } else if (r.event === 'mark') this.marks++;
    }
    this.caller.received.length = 0;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
