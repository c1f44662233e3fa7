// One CallSession per live call: feeds events into the pure interpreter and executes the
// actions it returns — prompts through TTS and the pacer (in order: output-queue.ts), listening
// through STT, the flow's timers (flow-timers.ts), extraction and answers (model-requests.ts),
// transfer, hangup, delivery. Owns barge-in (unheard-prompts.ts), end-of-turn (asking the
// interpreter whether the words so far answer the step, turn-taking.ts) and the filler while a
// provider is slow (dead-air.ts, filler.ts). Transport-agnostic: the Twilio route calls
// onAudio/onDtmf/onMark/onHangup and provides the AudioSink.
// A transfer's ringing time is survived without a stream: detach() keeps the conversation
// while the phone network rings a person, attach() continues it on a new stream.
import { judgeAnswer, start, step } from '../flow/interpreter';
import type { CallAction, CallEvent, CallState, HandoffResult } from '../flow/interpreter';
import { isProviderError } from '../ports/provider-error';
import { EnergyVad, frameRms } from '../audio/energy';
import { type AwaitedProvider, DeadAirGuard } from './dead-air';
import { type AudioSink, Playback } from './playback';
import { Listener } from './listener';
import { ModelRequests } from './model-requests';
import { DEFAULT_TURN_TAKING, endOfTurnWait, type TurnTaking } from './turn-taking';
import { TurnTimer } from './turn-timer';
import { UnheardPrompts } from './unheard-prompts';
import { OutputQueue } from './output-queue';
import { FlowTimers } from './flow-timers';
import { Filler } from './filler';
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
  private readonly filler: Filler;
  private vad = new EnergyVad();
  private readonly output: OutputQueue;
  /** Prompts sent but not yet heard (mark not echoed), in order. */
  private readonly unheard: UnheardPrompts;
  private readonly timers: FlowTimers;
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
    this.unheard = new UnheardPrompts(() => deps.clock.now());
    this.output = new OutputQueue((error) =>
      deps.onFault?.(isProviderError(error) ? error.code : 'runtime_error'),
    );
    this.timers = new FlowTimers(deps.clock);
    this.filler = new Filler(deps.flow, this.unheard);
    this.turnTaking = { ...DEFAULT_TURN_TAKING, ...deps.turnTaking };
    this.turnTimer = new TurnTimer(deps.clock, (timing) => deps.observer?.onTurnTiming?.(timing));
    this.deadAir = new DeadAirGuard({
      clock: deps.clock,
      settings: this.turnTaking,
      silentSince: () =>
        Math.max(this.turnStartedAt, this.unheard.heardEverythingAt(this.playback.playoutEndsAt)),
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
      ...(this.deps.sink.burstMs !== undefined ? { burstMs: this.deps.sink.burstMs } : {}),
      media: (f, base64) => {
        this.turnTimer.frameSent();
        this.unheard.audioSent();
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
        const came = this.filler.awaiting(promptId);
        const done = this.deadAir.await('tts', giveUp);
        return () => (came(), done());
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
    this.stopAudioPath();
    this.sink = DETACHED;
    this.unheard.clear();
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

  /** One frame from the line; only valid during the call (the transport reuses its buffer). */
  onAudio(frame: Uint8Array): void {
    if (this.ended) return;
    const level = frameRms(frame); // once: the VAD and the recognizer's replay both need it
    // Privacy: audio reaches the vendor only while we listen or the prompt may be interrupted.
    if (this.live || this.unheard.bargeInAllowed) this.listener.write(frame, level);
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
    const { known, everything } = this.unheard.heard(name);
    if (!known) return;
    if (everything) this.deadAir.heardEverything();
    if (!this.ended) this.advance({ type: 'played', at: this.deps.now(), promptId: name });
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
        return this.output.push(() => this.say(action, generation));
      case 'listen':
        return this.output.push(() => this.listenAfterPlayback(action, turn));
      case 'transfer':
        return this.output.push(() => this.transferAfterPlayback(action));
      case 'hangup':
        return this.output.push(() => this.hangupAfterPlayback());
      case 'extract':
        return void this.models.extract(action);
      case 'answer':
        return void this.models.answer(action);
      case 'deliver':
        return this.deps.deliver(action.record);
      case 'timer.start':
        return this.timers.start(action.id, action.ms, () => {
          if (!this.detached) this.dispatch({ type: 'timer', at: this.deps.now(), id: action.id });
        });
      case 'timer.cancel':
        return this.timers.cancel(action.id);
    }
  }

  private async say(action: Action<'say'>, generation: number): Promise<void> {
    if (this.ended || this.detached || generation !== this.generation) return;
    if (this.ttsBroken && !this.playback.isCached(action)) return;
    this.unheard.add(action.promptId, action.bargeIn);
    try {
      await this.playback.speak(action);
    } catch (error) {
      this.onTtsFault(action.promptId, error);
    }
  }

  /** TTS is down: nothing more is synthesized (cached prompts still play); the interpreter decides what follows. */
  private onTtsFault(promptId: string, error: unknown): void {
    this.deps.onFault?.(isProviderError(error) ? `tts_${error.code}` : 'tts_error');
    this.unheard.drop(promptId);
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
    await this.unheard.whenHeard();
    if (this.ended || turn !== this.turn) return;
    this.listener.open(action.hints);
    this.live = true;
    this.listener.startSilenceTimer(action.timeoutMs);
  }

  private async transferAfterPlayback(action: Action<'transfer'>): Promise<void> {
    await this.unheard.whenHeard();
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
    await this.unheard.whenHeard();
    if (this.ended) return;
    this.shutdown();
    await this.deps.telephony.hangup(this.deps.callSid);
  }

  /** The filler (filler.ts), unless the stream is gone; this turn's latency is then not measured. */
  private playFiller(provider: AwaitedProvider): boolean {
    if (this.ended || this.detached) return false;
    if (!this.filler.play(this.playback, () => this.turnTimer.cancel())) return false;
    this.deps.observer?.onFiller?.(provider);
    return true;
  }

  /** Barge-in: only while every prompt still to be heard allows it (the disclosure never does). */
  private maybeBargeIn(): void {
    if (!this.unheard.bargeInAllowed) return;
    this.generation++;
    // The recognizer opened for this prompt keeps hearing the caller without a gap.
    this.live = this.listener.active;
    this.playback.interrupt();
    this.unheard.clear();
  }

  /** No more listening, speaking, filler or turn timing (the stream is gone, or the call is over). */
  private stopAudioPath(): void {
    this.turnTimer.cancel();
    this.deadAir.stop();
    this.listener.stop();
    this.playback.stop();
  }

  private shutdown(): void {
    if (this.ended) return;
    this.ended = true;
    this.stopAudioPath();
    this.timers.cancelAll();
    this.unheard.release();
    this.sink.close();
    this.sink = DETACHED;
    this.deps.observer?.onEnd?.();
    for (const listener of this.endListeners.splice(0)) listener();
  }
}
