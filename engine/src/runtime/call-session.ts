// One CallSession per live call: feeds events into the pure interpreter and executes the
// actions it returns — prompts through TTS and the pacer, listening through STT, timers,
// extraction and answers (model-requests.ts), transfer, hangup, delivery. Owns barge-in, end-of-turn (asking the interpreter
// whether the words so far answer the step, turn-taking.ts) and the filler while a provider is
// slow (dead-air.ts). Transport-agnostic: the Twilio route calls onAudio/onDtmf/onMark/onHangup
// and provides the AudioSink.
// A transfer's ringing time is survived without a stream: detach() keeps the conversation
// while the phone network rings a person, attach() continues it on a new stream.
import { fillerPrompt, judgeAnswer, start, step } from '../flow/interpreter';
import type { CallAction, CallEvent, CallState, HandoffResult } from '../flow/interpreter';
import type { TimerHandle } from '../ports/clock';
import { isProviderError } from '../ports/provider-error';
import { EnergyVad, frameRms } from '../audio/energy';
import { type AwaitedProvider, DeadAirGuard } from './dead-air';
import { type AudioSink, Playback } from './playback';
import { Listener } from './listener';
import { ModelRequests } from './model-requests';
import { DEFAULT_TURN_TAKING, endOfTurnWait, type TurnTaking } from './turn-taking';
import { TurnTimer } from './turn-timer';
import type { CallSessionDeps } from './session-deps';

type Action<T extends CallAction['type']> = Extract<CallAction, { type: T }>;

export type { CallObserverHooks, CallSessionDeps, ProviderStage, TransferDestination } from './session-deps';
type Sink = AudioSink & { close(): void };

/** Where audio goes while the call has no stream (a transfer is ringing). */
const DETACHED: Sink = { media() {}, mark() {}, clear() {}, close() {} };

export class CallSession {
  private state!: CallState;
  private playback: Playback;
  private sink: Sink;
  /** Set from the transfer request until its outcome arrives. */
  private handoff: { ringSeconds: number } | null = null;
  /** The stream is gone (transfer ringing); the conversation is kept. */
  private detached = false;
  private readonly endListeners: (() => void)[] = [];
  private readonly listener: Listener;
  private readonly turnTimer: TurnTimer;
  private readonly turnTaking: TurnTaking;
  private readonly deadAir: DeadAirGuard;
  private readonly models: ModelRequests;
  /** Clock time the interpreter was last handed a caller turn: silence is counted from here. */
  private turnStartedAt = 0;
  /** When the caller had heard every prompt (last mark echo that emptied `unplayed`)… */
  private allHeardAt = 0;
  /** …and whether audio went out after that. */
  private audioSinceAllHeard = false;
  /** The prompt whose synthesis has not given audio yet (a filler is heard before it). */
  private awaitedPrompt: string | null = null;
  private fillers = 0;
  private vad = new EnergyVad();
  private chain: Promise<void> = Promise.resolve();
  private pendingTasks = 0;
  /** Prompts sent but not yet heard (mark not echoed), in order. */
  private unplayed: { promptId: string; bargeIn: boolean }[] = [];
  private drainWaiters: (() => void)[] = [];
  private readonly timers = new Map<string, TimerHandle>();
  /** Bumped by barge-in: prompts queued before it are dropped. */
  private generation = 0;
  /** Bumped by every caller/world event: a listen from an older batch is stale. */
  private turn = 0;
  private ttsBroken = false;
  private ended = false;
  /** The interpreter is listening (its prompts have played): caller audio goes to the recognizer. */
  private live = false;

  constructor(private readonly deps: CallSessionDeps) {
    this.sink = deps.sink;
    this.turnTaking = { ...DEFAULT_TURN_TAKING, ...deps.turnTaking };
    this.turnTimer = new TurnTimer(deps.clock, (timing) => deps.observer?.onTurnTiming?.(timing));
    this.deadAir = new DeadAirGuard({
      clock: deps.clock,
      settings: this.turnTaking,
      silentSince: () => Math.max(this.turnStartedAt, this.heardEverythingAt()),
      playFiller: (provider) => this.playFiller(provider),
    });
    this.models = new ModelRequests({
      ...deps,
      deadAir: this.deadAir,
      turnTimer: this.turnTimer,
      dispatch: (event) => this.dispatch(event),
    });
    this.playback = this.newPlayback();
    this.listener = new Listener({
      stt: deps.stt,
      clock: deps.clock,
      languageCode: deps.voice.languageCode,
      endOfTurnWait: (text) =>
        endOfTurnWait(
          this.turnTaking,
          judgeAnswer(deps.flow, this.state, text, deps.now()),
          this.vad.speaking,
        ),
      onSpeechStart: () => this.maybeBargeIn(),
      onTurn: (text) => {
        this.callerTurn();
        this.dispatch({ type: 'utterance', at: deps.now(), text, final: true });
      },
      onSilence: () => this.dispatch({ type: 'silence', at: deps.now() }),
      onFault: (code) => deps.onFault?.(code),
      onRetry: () => deps.onRetry?.('stt'),
      onGiveUp: () => this.providerFault('stt'),
    });
  }

  private newPlayback(): Playback {
    // Audio always goes to the current stream, whichever that is.
    const sink: AudioSink = {
      media: (f, base64) => {
        this.turnTimer.frameSent();
        this.audioSinceAllHeard = true;
        this.sink.media(f, base64);
      },
      mark: (n) => this.sink.mark(n),
      clear: () => this.sink.clear(),
    };
    const { clock, tts, cache, voice, leadMs, ticker } = this.deps;
    return new Playback({
      clock,
      sink,
      tts,
      cache,
      voice,
      leadMs,
      ...(ticker ? { ticker } : {}),
      onSynthesisWait: (ms) => this.turnTimer.providerWait(ms),
      awaitingAudio: (promptId, giveUp) => {
        this.awaitedPrompt = promptId;
        const done = this.deadAir.await('tts', giveUp);
        return () => {
          if (this.awaitedPrompt === promptId) this.awaitedPrompt = null;
          done();
        };
      },
    });
  }

  get callState(): CallState {
    return this.state;
  }

  get isOver(): boolean {
    return this.ended;
  }

  /** A transfer was requested and its outcome is still open: the stream may close without ending the call. */
  get awaitingHandoff(): { readonly ringSeconds: number } | undefined {
    return this.ended || !this.handoff ? undefined : this.handoff;
  }

  /** Runs once when the session has ended (immediately if it already has). */
  onEnd(listener: () => void): void {
    if (this.ended) listener();
    else this.endListeners.push(listener);
  }

  /**
   * The stream closed because the phone network took the call for a transfer: stop listening
   * and playing, keep the conversation for the outcome. Timers that fire meanwhile are dropped
   * (the interpreter still ends over-long calls on the next event).
   */
  detach(): void {
    if (this.ended || this.detached) return;
    this.detached = true;
    this.live = false;
    this.turnTimer.cancel();
    this.deadAir.stop();
    this.listener.stop();
    this.playback.stop();
    this.sink = DETACHED;
    this.unplayed = [];
    this.releaseDrainWaiters();
  }

  /** A new stream for this call (after an unanswered transfer): audio goes there from now on. */
  attach(sink: Sink): void {
    if (this.ended) return sink.close();
    this.sink = sink;
    this.playback = this.newPlayback();
    this.vad = new EnergyVad();
    this.detached = false;
  }

  start(): void {
    const r = start(this.deps.flow, this.deps.context);
    this.state = r.state;
    this.deps.observer?.onStart?.(r.state);
    this.execute(r.actions);
  }

  /** One inbound frame of caller audio. */
  /** One frame from the line; only valid during the call (the transport reuses its buffer). */
  onAudio(frame: Uint8Array): void {
    if (this.ended) return;
    const level = frameRms(frame); // once: the VAD and the recognizer's replay both need it
    // Privacy: audio reaches the vendor only while we listen or the prompt may be interrupted.
    if (this.live || this.bargeInAllowed()) this.listener.write(frame, level);
    if (this.vad.pushLevel(level) === 'begin') this.maybeBargeIn();
  }

  onDtmf(digit: string): void {
    if (this.ended) return;
    this.maybeBargeIn();
    this.listener.stop();
    this.callerTurn();
    this.dispatch({ type: 'dtmf', at: this.deps.now(), digit });
  }

  /** The caller's words or key go to the interpreter: timing and patience count from now. */
  private callerTurn(): void {
    this.turnTimer.begin();
    this.turnStartedAt = this.deps.clock.now();
    this.deadAir.callerTurn();
  }

  /** Twilio echoed a mark: the caller has heard that prompt. */
  onMark(name: string): void {
    const index = this.unplayed.findIndex((p) => p.promptId === name);
    if (index < 0) return;
    this.unplayed.splice(0, index + 1);
    if (this.unplayed.length === 0) {
      this.allHeardAt = this.deps.clock.now();
      this.audioSinceAllHeard = false;
      this.deadAir.heardEverything();
      this.releaseDrainWaiters();
    }
    if (!this.ended) this.advance({ type: 'played', at: this.deps.now(), promptId: name });
  }

  /**
   * Clock time at which the caller has heard (or will have heard) all audio sent: the pacer's
   * real-time estimate, unless the transport already echoed the last mark sooner (it plays
   * faster than real time, like the test harness) and nothing went out since.
   */
  private heardEverythingAt(): number {
    const estimate = this.playback.playoutEndsAt;
    return this.audioSinceAllHeard ? estimate : Math.min(estimate, this.allHeardAt);
  }

  /** The outcome of a transfer (from Twilio's <Dial action> callback). */
  onHandoffResult(outcome: HandoffResult): void {
    this.handoff = null;
    this.dispatch({ type: 'handoff.result', at: this.deps.now(), outcome });
    // Answered while parked: staff has the caller, the record is out; nothing else to do here.
    if (this.detached && this.state.terminal) this.shutdown();
  }

  /** The caller hung up (Twilio `stop` or socket closed). */
  onHangup(): void {
    if (this.ended) return;
    this.dispatch({ type: 'hangup', at: this.deps.now() });
    this.shutdown();
  }

  private dispatch(event: CallEvent): void {
    if (this.ended && event.type !== 'hangup') return;
    this.turn++;
    this.live = false;
    this.advance(event);
  }

  private advance(event: CallEvent): void {
    const before = this.state;
    const startedAt = performance.now();
    const r = step(this.deps.flow, before, event);
    this.state = r.state;
    this.deps.observer?.onStep?.(before, event, r.state, { engineLatencyMs: performance.now() - startedAt });
    this.execute(r.actions);
  }

  private execute(actions: CallAction[]): void {
    const generation = this.generation;
    const turn = this.turn;
    const listen = actions.find((a): a is Action<'listen'> => a.type === 'listen');
    // Caller audio reaches the recognizer during a prompt only if that prompt allows barge-in.
    if (listen && actions.some((a) => a.type === 'say' && a.bargeIn)) this.listener.open(listen.hints);
    for (const action of actions) this.run(action, generation, turn);
  }

  private run(action: CallAction, generation: number, turn: number): void {
    switch (action.type) {
      case 'say':
        return this.enqueue(() => this.say(action, generation));
      case 'listen':
        return this.enqueue(() => this.listenAfterPlayback(action, turn));
      case 'transfer':
        return this.enqueue(() => this.transferAfterPlayback(action));
      case 'hangup':
        return this.enqueue(() => this.hangupAfterPlayback());
      case 'extract':
        return void this.models.extract(action);
      case 'answer':
        return void this.models.answer(action);
      case 'deliver':
        return this.deps.deliver(action.record);
      case 'timer.start':
        this.timers.get(action.id)?.cancel();
        this.timers.set(
          action.id,
          this.deps.clock.setTimer(action.ms, () => {
            if (!this.detached) this.dispatch({ type: 'timer', at: this.deps.now(), id: action.id });
          }),
        );
        return;
      case 'timer.cancel':
        this.timers.get(action.id)?.cancel();
        this.timers.delete(action.id);
        return;
    }
  }

  /**
   * Output actions run one after another; a fault in one never stalls the rest. An idle queue
   * starts the task synchronously, so a cached greeting is on the wire before start() returns.
   */
  private enqueue(task: () => Promise<void>): void {
    const run = () =>
      task()
        .catch((error: unknown) => this.deps.onFault?.(isProviderError(error) ? error.code : 'runtime_error'))
        .finally(() => this.pendingTasks--);
    this.pendingTasks++;
    this.chain = this.pendingTasks === 1 ? run() : this.chain.then(run);
  }

  private async say(action: Action<'say'>, generation: number): Promise<void> {
    if (this.ended || this.detached || generation !== this.generation) return;
    if (this.ttsBroken && !this.playback.isCached(action)) return;
    this.unplayed.push({ promptId: action.promptId, bargeIn: action.bargeIn });
    try {
      await this.playback.speak(action);
    } catch (error) {
      this.onTtsFault(action.promptId, error);
    }
  }

  /** TTS is down: nothing more is synthesized (cached prompts still play); the interpreter decides what follows. */
  private onTtsFault(promptId: string, error: unknown): void {
    this.deps.onFault?.(isProviderError(error) ? `tts_${error.code}` : 'tts_error');
    this.unplayed = this.unplayed.filter((p) => p.promptId !== promptId);
    if (this.unplayed.length === 0) this.releaseDrainWaiters();
    if (this.ttsBroken) return;
    this.ttsBroken = true;
    this.providerFault('tts');
  }

  /** A voice provider is gone for this call: the interpreter apologises and hands over (or ends). */
  private providerFault(stage: 'tts' | 'stt'): void {
    // Not inside the failing provider's callback: the step may stop that very listener or prompt.
    queueMicrotask(() => this.dispatch({ type: 'provider.fault', at: this.deps.now(), stage }));
  }

  private async listenAfterPlayback(action: Action<'listen'>, turn: number): Promise<void> {
    await this.whenPlayed();
    if (this.ended || turn !== this.turn) return;
    this.listener.open(action.hints);
    this.live = true;
    this.listener.startSilenceTimer(action.timeoutMs);
  }

  private async transferAfterPlayback(action: Action<'transfer'>): Promise<void> {
    await this.whenPlayed();
    if (this.ended) return;
    this.listener.stop();
    const destination = this.deps.resolveTarget(action.target, action.whisper);
    if (!destination) {
      this.deps.onFault?.('transfer_target_unknown');
      return this.onHandoffResult('failed');
    }
    // Set before the request: the phone network may close our stream before it answers.
    this.handoff = { ringSeconds: action.ringSeconds };
    try {
      await this.deps.telephony.transfer({
        callSid: this.deps.callSid,
        target: destination.number,
        whisperUrl: destination.whisperUrl,
        actionUrl: destination.actionUrl,
        ...(destination.statusCallbackUrl ? { statusCallbackUrl: destination.statusCallbackUrl } : {}),
        timeoutSeconds: action.ringSeconds,
      });
    } catch (error) {
      this.deps.onFault?.(isProviderError(error) ? error.code : 'transfer_failed');
      this.handoff = null;
      // The stream closed although no transfer took the call: the caller is gone.
      if (this.detached) return this.onHangup();
      this.onHandoffResult('failed');
    }
  }

  private async hangupAfterPlayback(): Promise<void> {
    await this.whenPlayed();
    if (this.ended) return;
    this.shutdown();
    await this.deps.telephony.hangup(this.deps.callSid);
  }

  /**
   * "Einen Moment, bitte." from the cache, right now (not behind the awaited prompt in the output
   * queue). Not interruptible: words said over it would answer a question not yet heard. Never
   * synthesized live — a slow voice is usually why it plays.
   */
  private playFiller(provider: AwaitedProvider): boolean {
    if (this.ended || this.detached) return false;
    const filler = fillerPrompt(this.deps.flow);
    if (!this.playback.isCached(filler)) return false;
    const promptId = `filler#${++this.fillers}`;
    // Heard before the awaited prompt (none of its audio is queued yet): marks echo in this order.
    const awaited = this.unplayed.findIndex((p) => p.promptId === this.awaitedPrompt);
    this.unplayed.splice(awaited < 0 ? this.unplayed.length : awaited, 0, { promptId, bargeIn: false });
    this.turnTimer.cancel(); // no answer yet: this turn's engine latency is not measured
    void this.playback.speak({ promptId, text: filler.text, cacheKey: filler.cacheKey });
    this.deps.observer?.onFiller?.(provider);
    return true;
  }

  /** Barge-in: only while every prompt still to be heard allows it (the disclosure never does). */
  private bargeInAllowed(): boolean {
    return this.unplayed.length > 0 && this.unplayed.every((p) => p.bargeIn);
  }

  private maybeBargeIn(): void {
    if (!this.bargeInAllowed()) return;
    this.generation++;
    // The recognizer opened for this prompt keeps hearing the caller without a gap.
    this.live = this.listener.active;
    this.playback.interrupt();
    this.unplayed = [];
    this.releaseDrainWaiters();
  }

  private whenPlayed(): Promise<void> {
    if (this.unplayed.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private releaseDrainWaiters(): void {
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }

  private shutdown(): void {
    if (this.ended) return;
    this.ended = true;
    this.turnTimer.cancel();
    this.deadAir.stop();
    this.listener.stop();
    this.playback.stop();
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
    this.releaseDrainWaiters();
    this.sink.close();
    this.sink = DETACHED;
    this.deps.observer?.onEnd?.();
    for (const listener of this.endListeners.splice(0)) listener();
  }
}
